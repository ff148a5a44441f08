/**
 * docker/Dockerfile builds one image for every app. No Docker engine runs in CI, so this spec parses it:
 * multi-stage, the build stage gets everything `npm run build` compiles, the runtime stage runs as a
 * non-root user with a HEALTHCHECK, and its default command runs a source file that exists.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { cmdOf, loadDockerfile, ROOT, sourceExists, sourceOfEntryPoint } from './deployment-files';

const stages = loadDockerfile();
const runtime = stages[stages.length - 1];
const build = stages.find((stage) => stage.instructions.some(([k, rest]) => k === 'RUN' && /\bnpm run build\b/.test(rest)));

/** The source paths of a stage's COPY instructions (flags and destination dropped). */
function copiedSources(stage: (typeof stages)[number]): string[] {
  return stage.instructions
    .filter(([keyword]) => keyword === 'COPY')
    .flatMap(([, rest]) => {
      const args = rest.trim().startsWith('[') ? (JSON.parse(rest) as string[]) : rest.trim().split(/\s+/);
      const paths = args.filter((arg) => !arg.startsWith('--'));
      return paths.slice(0, -1).map((path) => path.replace(/^\.\//, '').replace(/\/$/, ''));
    });
}

describe('docker/Dockerfile', () => {
  it('is a multi-stage build whose runtime stage is not the build stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(build).toBeDefined();
    expect(build).not.toBe(runtime);
    const fromBuild = runtime.instructions.filter(([k, rest]) => k === 'COPY' && rest.includes(`--from=${build!.name}`));
    expect(fromBuild.map(([, rest]) => rest).join('\n')).toMatch(/\/app\/dist\b/);
  });

  it('copies into the build stage everything `npm run build` compiles', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const tsconfigFile = /-p\s+(\S+)/.exec(pkg.scripts.build)?.[1];
    expect(tsconfigFile).toBe('apps/tsconfig.build.json');
    const tsconfigDir = dirname(join(ROOT, tsconfigFile!));
    const tsconfig = JSON.parse(readFileSync(join(ROOT, tsconfigFile!), 'utf8')) as { extends?: string; include: string[] };
    // Paths in a tsconfig are relative to its own folder; name each by its top folder under the repository root.
    const topOf = (path: string) => relative(ROOT, resolve(tsconfigDir, path)).split(sep)[0];
    const needed = new Set(['package.json', 'package-lock.json', topOf(tsconfigFile!.split('/').slice(1).join('/'))]);
    if (tsconfig.extends) needed.add(topOf(tsconfig.extends));
    // Each include glob's top folder (apps, libs): every app and library is compiled, so all must be there.
    for (const glob of tsconfig.include) needed.add(topOf(glob.replace(/\*\*.*$/, '.')));
    const copied = copiedSources(build!);
    expect([...needed].filter((path) => !copied.includes(path))).toEqual([]);
  });

  it('keeps nothing the build copies out of the build context', () => {
    const ignored = readFileSync(join(ROOT, 'docker', 'Dockerfile.dockerignore'), 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'));
    expect(copiedSources(build!).filter((path) => ignored.includes(path))).toEqual([]);
  });

  it('runs the runtime stage as a non-root user', () => {
    const users = runtime.instructions.filter(([keyword]) => keyword === 'USER').map(([, rest]) => rest.trim());
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:.*)?$/);
  });

  it('has a HEALTHCHECK in the runtime stage', () => {
    const checks = runtime.instructions.filter(([keyword]) => keyword === 'HEALTHCHECK').map(([, rest]) => rest);
    expect(checks.length).toBeGreaterThan(0);
    expect(checks[checks.length - 1]).toMatch(/\bCMD\b/);
    expect(checks[checks.length - 1]).toContain('/health');
  });

  it('runs the ledger API by default, from a source file that exists', () => {
    const source = sourceOfEntryPoint(cmdOf(runtime) ?? []);
    expect(source).toBe('apps/ledger-api/src/main.ts');
    expect(sourceExists(source!)).toBe(true);
  });

  it('resolves @ikrar/* paths in the compiled output (tsconfig-paths against dist)', () => {
    expect(cmdOf(runtime)).toEqual(expect.arrayContaining(['-r', 'tsconfig-paths/register']));
    const env = runtime.instructions.filter(([keyword]) => keyword === 'ENV').map(([, rest]) => rest).join(' ');
    expect(env).toMatch(/\bTS_NODE_BASEURL=\/app\/dist\b/);
    expect(copiedSources(runtime)).toEqual(expect.arrayContaining(['/app/tsconfig.json']));
  });
});
