import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '@ikrar/config';
import { generateSigningKey } from '@ikrar/ledger-proof';
import { GENERATED_KEY_FILE, resolveSealSigningKey } from '@ikrar/ledger-seal';

describe('seal key configuration', () => {
  it('lists IKRAR_SEAL_KEY and IKRAR_SEAL_KEY_ID', () => {
    expect(CONFIG_VARIABLES.map((v) => v.name)).toEqual(expect.arrayContaining(['IKRAR_SEAL_KEY', 'IKRAR_SEAL_KEY_ID']));
  });

  it('accepts an Ed25519 PKCS#8 PEM, also with \\n escapes', () => {
    const pem = generateSigningKey().privateKeyPem;
    expect(loadConfig({ IKRAR_SEAL_KEY: pem, IKRAR_SEAL_KEY_ID: 'ikrar-2025-1' })).toMatchObject({ sealKeyPem: pem, sealKeyId: 'ikrar-2025-1' });
    expect(loadConfig({ IKRAR_SEAL_KEY: pem.trim().replace(/\n/g, '\\n') }).sealKeyPem).toBe(pem);
    expect(loadConfig({})).toMatchObject({ sealKeyPem: null, sealKeyId: null });
  });

  it.each([
    ['garbage', 'not a key'],
    ['an RSA key', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()],
    ['a public key', generateSigningKey().publicKeyPem],
  ])('rejects %s as IKRAR_SEAL_KEY without echoing it', (_label, value) => {
    let error: unknown;
    try {
      loadConfig({ IKRAR_SEAL_KEY: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('IKRAR_SEAL_KEY must be');
    if (value.length > 60) expect((error as ConfigError).message).not.toContain(value.slice(30, 60));
  });

  it('rejects a malformed IKRAR_SEAL_KEY_ID', () => {
    expect(() => loadConfig({ IKRAR_SEAL_KEY_ID: 'has space' })).toThrow(/IKRAR_SEAL_KEY_ID/);
  });

  it('generates a development key once into the data folder and says so', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ikrar-seal-key-'));
    try {
      const warnings: string[] = [];
      const logger = { warn: (m: string) => warnings.push(m), log: () => undefined };
      const first = resolveSealSigningKey({ dataDir, sealKeyPem: null, sealKeyId: null }, logger as never);
      const file = join(dataDir, GENERATED_KEY_FILE);
      expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
      expect(statSync(file).mode & 0o077).toBe(0);
      expect(warnings[0]).toMatch(/generated a development seal signing key ikrar-[0-9a-f]{16}/);
      const second = resolveSealSigningKey({ dataDir, sealKeyPem: null, sealKeyId: null }, logger as never);
      expect(second.publicKeyPem).toBe(first.publicKeyPem);
      expect(second.keyId).toBe(first.keyId);
      const configured = generateSigningKey();
      const fromConfig = resolveSealSigningKey({ dataDir, sealKeyPem: configured.privateKeyPem, sealKeyId: 'k1' }, logger as never);
      expect({ keyId: fromConfig.keyId, publicKeyPem: fromConfig.publicKeyPem }).toEqual({ keyId: 'k1', publicKeyPem: configured.publicKeyPem });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('seal cadence configuration', () => {
  it('defaults to a seal every 100 events or 60 seconds', () => {
    expect(loadConfig({})).toMatchObject({ sealEvery: 100, sealIntervalMs: 60_000 });
  });

  it('takes the cadence from IKRAR_SEAL_EVERY and IKRAR_SEAL_INTERVAL_MS', () => {
    expect(loadConfig({ IKRAR_SEAL_EVERY: '10', IKRAR_SEAL_INTERVAL_MS: '0' })).toMatchObject({ sealEvery: 10, sealIntervalMs: 0 });
  });

  it('refuses a seal cadence of zero events or a non-number, naming the variable', () => {
    expect(() => loadConfig({ IKRAR_SEAL_EVERY: '0' })).toThrow(/IKRAR_SEAL_EVERY/);
    expect(() => loadConfig({ IKRAR_SEAL_INTERVAL_MS: 'soon' })).toThrow(/IKRAR_SEAL_INTERVAL_MS/);
  });
});
