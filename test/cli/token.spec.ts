import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { tokenVerifierFor } from '@ikrar/access';
import { IkrarConfig, loadConfig } from '@ikrar/config';
import { printToken } from '../../apps/cli/src/commands/token';

const ROOT = join(__dirname, '..', '..');
const FORUM = '6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00';
const BANK = '0f6e1f4e-3b7a-4c1e-9d2a-5a8b7c6d5e4f';

function sink(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

async function run(config: IkrarConfig, ...args: string[]) {
  const out = sink();
  const err = sink();
  const status = await printToken(config, args, out, err);
  return { status, stdout: out.text, stderr: err.text };
}

describe('ikrar token', () => {
  let dataDir: string;
  let config: IkrarConfig;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ikrar-token-'));
    config = loadConfig({ IKRAR_DATA_DIR: dataDir });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints a token the API of the same data folder accepts, with the claims asked for', async () => {
    const result = await run(config, '--role', 'secretariat', '--forum', FORUM, '--sub', 'sekretariat-ani', '--name', 'Ani');
    expect(result.status).toBe(0);
    const principal = await tokenVerifierFor(config).authenticate(`Bearer ${result.stdout.trim()}`);
    expect(principal).toEqual({ userId: 'sekretariat-ani', name: 'Ani', role: 'secretariat', partnerId: null, forumIds: [FORUM] });
  });

  it('keeps the generated development secret private to its owner and says it is a development secret', async () => {
    const result = await run(config, '--role', 'auditor');
    expect(result.stderr).toContain('IKRAR_JWT_SECRET is not set');
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('signs with IKRAR_JWT_SECRET when it is set, so another deployment secret does not verify it', async () => {
    const configured = loadConfig({ IKRAR_DATA_DIR: dataDir, IKRAR_JWT_SECRET: 'a-production-secret-of-at-least-32-chars' });
    const token = (await run(configured, '--role', 'partner', '--partner', BANK)).stdout.trim();
    await expect(tokenVerifierFor(configured).authenticate(`Bearer ${token}`)).resolves.toMatchObject({ role: 'partner', partnerId: BANK });
    await expect(tokenVerifierFor(config).authenticate(`Bearer ${token}`)).rejects.toThrow('signature');
  });

  it('expires after --ttl', async () => {
    const token = (await run(config, '--role', 'auditor', '--ttl', '15m')).stdout.trim();
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(900);
    expect(claims).toMatchObject({ iss: 'ikrar', aud: 'ikrar-api' });
  });

  it.each([
    [['--partner', BANK], '--role is required'],
    [['--role', 'superuser'], '--role must be one of'],
    [['--role', 'partner'], '--partner <id> is required'],
    [['--role', 'secretariat'], '--forum <id> is required'],
    [['--role', 'auditor', '--forum', FORUM], '--forum is only for a secretariat token'],
    [['--role', 'admin', '--partner', BANK], '--partner is only for a partner token'],
    [['--role', 'auditor', '--ttl', 'forever'], '--ttl must be a duration'],
    [['--role', 'auditor', '--colour', 'red'], 'unknown option --colour'],
  ])('refuses %j with exit 64 and says why (%s)', async (args, message) => {
    const result = await run(config, ...args);
    expect(result.status).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  it('is refused when tokens come from an identity provider', async () => {
    const withIdp = loadConfig({ IKRAR_DATA_DIR: dataDir, IKRAR_JWKS_URL: 'https://sso.example.go.id/realms/ikrar/protocol/openid-connect/certs' });
    const result = await run(withIdp, '--role', 'auditor');
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('identity provider');
  });

  it('is a command of the CLI', () => {
    const result = spawnSync(process.execPath, ['-r', './test/support/ts-register.js', 'apps/cli/src/main.ts', 'token', '--role', 'auditor'], {
      cwd: ROOT,
      env: { ...process.env, IKRAR_DATA_DIR: dataDir, EVENTSTORE_URL: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('.')).toHaveLength(3);
  });
});
