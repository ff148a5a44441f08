/**
 * docker/docker-compose.yml is the production shape: EventStoreDB, a single-node MongoDB replica set,
 * the ledger API and the projector, configured only through environment variables. No Docker engine
 * runs in CI, so this spec parses the file and checks what would otherwise only fail at `up`.
 */
import { CONFIG_VARIABLES, loadConfig } from '@ikrar/config';
import { cmdOf, ComposeService, isUrl, loadCompose, loadDockerfile, sourceExists, sourceOfEntryPoint, urlHosts } from './deployment-files';

const services = loadCompose();
const dockerfileStages = loadDockerfile();
const runtimeStage = dockerfileStages[dockerfileStages.length - 1];
const CONFIG_NAMES = CONFIG_VARIABLES.map((variable) => variable.name);

/** The apps this repository builds into one image, and the source each one must run. */
const APPS = { 'ledger-api': 'apps/ledger-api/src/main.ts', projector: 'apps/projector/src/main.ts' } as const;
type AppService = keyof typeof APPS;

/** Read only by the API process; the projector process has no use for them. */
const API_ONLY: Record<string, string> = {
  PORT: 'the projector serves no HTTP',
  IKRAR_BODY_LIMIT: 'request bodies exist only in the HTTP API',
  IKRAR_PROJECTOR: 'chooses whether the API process projects; the projector process always does',
  IKRAR_SEAL_KEY: 'only the API process seals the ledger',
  IKRAR_SEAL_KEY_ID: 'only the API process seals the ledger',
  IKRAR_SEAL_EVERY: 'only the API process seals the ledger',
  IKRAR_SEAL_INTERVAL_MS: 'only the API process seals the ledger',
  IKRAR_JWT_SECRET: 'only the API verifies bearer tokens',
  IKRAR_JWKS_URL: 'only the API verifies bearer tokens',
  IKRAR_JWT_ISSUER: 'only the API verifies bearer tokens',
  IKRAR_JWT_AUDIENCE: 'only the API verifies bearer tokens',
  IKRAR_CORS_ORIGINS: 'only the API answers browsers',
  IKRAR_RATE_LIMIT: 'only the API answers requests',
};
/** May stay unset in the compose file: a secret the operator supplies (unset, the API generates one into its volume and logs it). */
const OPTIONAL_IN_COMPOSE: Record<string, string> = {
  IKRAR_SEAL_KEY: 'the seal signing key is a secret, never committed in the compose file',
  IKRAR_JWT_SECRET: 'the token secret is a secret, never committed in the compose file',
  IKRAR_JWKS_URL: 'the alternative to IKRAR_JWT_SECRET: the site\'s identity provider',
  IKRAR_CORS_ORIGINS: 'set once the forum has a web front end on another origin',
};
/** Production always runs on the server stores; unset, both would fall back to embedded SQLite. */
const PRODUCTION_REQUIRED = ['EVENTSTORE_URL', 'MONGODB_URL'];

function requiredFor(app: AppService): string[] {
  const fromConfig = (app === 'ledger-api' ? CONFIG_NAMES : CONFIG_NAMES.filter((name) => !(name in API_ONLY))).filter((name) => !(name in OPTIONAL_IN_COMPOSE));
  return [...new Set([...fromConfig, ...PRODUCTION_REQUIRED])].sort();
}

function service(name: string): ComposeService {
  const found = services.get(name);
  if (!found) throw new Error(`docker-compose.yml has no service "${name}" (has: ${[...services.keys()].join(', ')})`);
  return found;
}

/** Built from docker/Dockerfile, so it inherits that image's CMD and HEALTHCHECK. */
function builtFromOurDockerfile(candidate: ComposeService): boolean {
  const build = candidate.build;
  if (build === undefined) return false;
  const dockerfile = typeof build === 'string' ? 'Dockerfile' : (build.dockerfile ?? 'Dockerfile');
  return dockerfile.replace(/^\.\//, '') === 'docker/Dockerfile';
}

function hasHealthcheck(candidate: ComposeService): boolean {
  const check = candidate.healthcheck;
  if (check?.disable === true) return false;
  const test = check?.test;
  if (test !== undefined) return !(Array.isArray(test) ? test[0] === 'NONE' : test === 'NONE');
  return builtFromOurDockerfile(candidate) && runtimeStage.instructions.some(([k, rest]) => k === 'HEALTHCHECK' && !/^NONE\b/i.test(rest));
}

function healthcheckText(candidate: ComposeService): string {
  const test = candidate.healthcheck?.test ?? [];
  return Array.isArray(test) ? test.join(' ') : test;
}

describe('docker-compose.yml: services', () => {
  it.each(['eventstore', 'mongodb', 'ledger-api', 'projector'])('has the %s service', (name) => {
    expect(services.has(name)).toBe(true);
  });

  it('runs EventStoreDB / KurrentDB as an insecure single node', () => {
    const eventstore = service('eventstore');
    expect(eventstore.image).toMatch(/^(eventstore\/eventstore|kurrentplatform\/kurrentdb):\S+$/);
    const env = eventstore.environment;
    const prefix = eventstore.image!.startsWith('kurrentplatform/') ? 'KURRENTDB' : 'EVENTSTORE';
    expect(env[`${prefix}_INSECURE`]).toBe('true');
    expect(env[`${prefix}_CLUSTER_SIZE`]).toBe('1');
  });

  it('runs MongoDB as a single-node replica set that initiates itself under its service name', () => {
    const mongodb = service('mongodb');
    expect(mongodb.image).toMatch(/^mongo:\S+$/);
    const command = mongodb.command ?? [];
    const replSet = command[command.indexOf('--replSet') + 1];
    expect(command).toContain('--replSet');
    expect(replSet).toMatch(/^\w+$/);
    expect(command).toContain('--bind_ip_all');
    // The member's host is what the apps' driver connects to after discovery: it must be the service name.
    const check = healthcheckText(mongodb);
    expect(check).toContain('rs.initiate(');
    expect(check).toContain(`_id:'${replSet}'`);
    expect(check).toContain(`host:'mongodb:27017'`);
  });

  it('gives every service a healthcheck (its own, or the one docker/Dockerfile bakes in)', () => {
    for (const candidate of services.values()) expect({ service: candidate.name, healthcheck: hasHealthcheck(candidate) }).toEqual({ service: candidate.name, healthcheck: true });
  });

  it('waits for a dependency to be healthy whenever it has a healthcheck', () => {
    for (const candidate of services.values()) {
      for (const [dependency, { condition }] of Object.entries(candidate.dependsOn)) {
        expect(services.has(dependency)).toBe(true);
        const expected = hasHealthcheck(service(dependency)) ? 'service_healthy' : condition;
        expect({ service: candidate.name, dependency, condition }).toEqual({ service: candidate.name, dependency, condition: expected });
      }
    }
  });
});

describe.each(Object.keys(APPS) as AppService[])('docker-compose.yml: the %s service', (app) => {
  // Looked up per test, so a missing service fails these tests by name rather than the whole file.
  let subject: ComposeService;
  let env: Record<string, string>;
  beforeAll(() => {
    subject = service(app);
    env = subject.environment;
  });

  it('is configured only through environment variables (no env_file, no mounted config)', () => {
    expect(subject.raw.env_file).toBeUndefined();
    expect(subject.raw.configs).toBeUndefined();
  });

  it('sets every variable the app requires in this deployment', () => {
    const missing = requiredFor(app).filter((name) => env[name] === undefined || env[name] === '');
    expect(missing).toEqual([]);
  });

  it('sets only variables the apps read (CONFIG_VARIABLES, the list the README documents)', () => {
    const unknown = Object.keys(env).filter((name) => !CONFIG_NAMES.includes(name));
    expect(unknown).toEqual([]);
  });

  it('passes every value through loadConfig(), the validation the app runs at start-up', () => {
    const config = loadConfig(env);
    // Production: the server stores, never the embedded SQLite fallbacks.
    expect(config.eventStoreUrl).toBe(env.EVENTSTORE_URL);
    expect(config.mongodbUrl).toBe(env.MONGODB_URL);
  });

  it('points every connection string at a compose service it waits for', () => {
    const urls = Object.entries(env).filter(([, value]) => isUrl(value));
    expect(urls.map(([name]) => name)).toEqual(expect.arrayContaining(PRODUCTION_REQUIRED));
    for (const [name, url] of urls) {
      const hosts = urlHosts(url);
      expect(hosts.length).toBeGreaterThan(0);
      for (const host of hosts) {
        expect({ variable: name, host, isService: services.has(host) }).toEqual({ variable: name, host, isService: true });
        expect({ variable: name, dependsOn: host in subject.dependsOn }).toEqual({ variable: name, dependsOn: true });
      }
    }
  });

  it('would fail loadConfig() on a mistyped connection string (the check above has teeth)', () => {
    for (const name of PRODUCTION_REQUIRED) {
      const mistyped = env[name].replace(/^[a-z+]+:\/\//, 'http://');
      expect({ variable: name, rejected: rejects({ ...env, [name]: mistyped }) }).toEqual({ variable: name, rejected: true });
    }
  });

  it('connects to the MongoDB replica set by its name', () => {
    const command = service('mongodb').command ?? [];
    const replSet = command[command.indexOf('--replSet') + 1];
    const query = new URLSearchParams(env.MONGODB_URL.split('?')[1] ?? '');
    expect(query.get('replicaSet')).toBe(replSet);
  });

  it(`runs its own entry point, which exists as source (${APPS[app]})`, () => {
    expect(builtFromOurDockerfile(subject)).toBe(true);
    const source = sourceOfEntryPoint(subject.command ?? cmdOf(runtimeStage) ?? []);
    expect(source).toBe(APPS[app]);
    expect(sourceExists(source!)).toBe(true);
  });
});

describe('docker-compose.yml: the API and the projector together', () => {
  it('run the same image', () => {
    expect(service('projector').build).toEqual(service('ledger-api').build);
    expect(service('projector').image).toBe(service('ledger-api').image);
  });

  it('leave the projecting to the projector service (IKRAR_PROJECTOR=off in the API)', () => {
    expect(service('ledger-api').environment.IKRAR_PROJECTOR).toBe('off');
    expect(loadConfig(service('ledger-api').environment).projectorMode).toBe('off');
  });

  it('derive the projector list from CONFIG_VARIABLES (every API-only exception is a real variable)', () => {
    expect(Object.keys(API_ONLY).filter((name) => !CONFIG_NAMES.includes(name))).toEqual([]);
    expect(Object.keys(OPTIONAL_IN_COMPOSE).filter((name) => !CONFIG_NAMES.includes(name))).toEqual([]);
    expect(PRODUCTION_REQUIRED.filter((name) => !CONFIG_NAMES.includes(name))).toEqual([]);
  });
});

function rejects(env: Record<string, string>): boolean {
  try {
    loadConfig(env);
    return false;
  } catch {
    return true;
  }
}
