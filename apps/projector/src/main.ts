import { ConfigError, IkrarConfig, loadConfig } from '@ikrar/config';
import { openEventStore } from '@ikrar/event-store';
import { CommitInfo, createProjections, Projector } from '@ikrar/projections';
import { openReadStore } from '@ikrar/read-store';

/**
 * The projector as its own process (`npm run projector`): for deployments that run the API with
 * IKRAR_PROJECTOR=off. Same configuration variables as the API; stops cleanly on SIGTERM/SIGINT
 * (the batch in hand is committed first).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const eventStore = await openEventStore(config);
  const readStore = await openReadStore({ mongodbUrl: config.mongodbUrl, dataDir: config.dataDir });
  const projector = new Projector({
    eventStore,
    readStore,
    projections: createProjections(),
    onCommit: (commit) => reportCommit(config, commit),
    onError: (error) => log('warn', `retrying after: ${error instanceof Error ? error.message : String(error)}`),
    onBulkCatchUp: (generation, head) =>
      log('log', `nothing projected yet: bulk-loading read model generation ${generation} up to position ${head ?? 0}; readers keep the active generation until it is activated`),
  });

  let stopping: Promise<void> | null = null;
  const shutdown = (signal: string) => {
    stopping ??= (async () => {
      log('log', `${signal}: committing the batch in hand, then closing the stores`);
      await projector.stop();
      await readStore.close();
      await eventStore.close();
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  if (config.projectorMode === 'inline') {
    log('warn', 'IKRAR_PROJECTOR=inline: an API on the same read store projects too; set IKRAR_PROJECTOR=off for the API');
  }
  await projector.start();
  const events = config.eventStoreUrl ? 'EventStoreDB' : `embedded SQLite in ${config.dataDir}`;
  const readModels = config.mongodbUrl ? 'MongoDB' : `embedded SQLite in ${config.dataDir}`;
  log('log', `projecting events (${events}) into the read models (${readModels})`);
  for (const status of await projector.status()) {
    log('log', `${status.projection}: position ${status.position ?? 'none'}, head ${status.headPosition}, ${status.failures} failures`);
  }
}

/** Failures always; every commit only at debug level. */
function reportCommit(config: IkrarConfig, commit: CommitInfo): void {
  if (commit.failures > 0) {
    log('warn', `${commit.projection}: ${commit.failures} event(s) could not be projected up to position ${commit.position} (see GET /projections)`);
  } else if (config.logLevel === 'debug') {
    log('debug', `${commit.projection}: ${commit.events} events, ${commit.changes} documents, position ${commit.position}`);
  }
}

function log(level: 'log' | 'warn' | 'debug', message: string): void {
  (level === 'warn' ? process.stderr : process.stdout).write(`${new Date().toISOString()} [projector] ${level.toUpperCase()} ${message}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`Ikrar projector failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
