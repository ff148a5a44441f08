import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@ikrar/config';
import { createApp } from './create-app';
import { openInfrastructure } from './infrastructure';

async function main(): Promise<void> {
  const config = loadConfig();
  const infrastructure = await openInfrastructure(config);
  const app = await createApp(infrastructure, config);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    Logger.log(`${signal}: finishing in-flight requests and closing stores`, 'Ikrar');
    await app.close();
    await infrastructure.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // Every interface, as before on Express (Fastify alone would listen on localhost only: unreachable in a container).
  await app.listen(config.port, '0.0.0.0');
  const store = config.eventStoreUrl ? `EventStoreDB at ${config.eventStoreUrl}` : `embedded SQLite in ${config.dataDir}`;
  const readModels = config.mongodbUrl ? 'MongoDB' : `embedded SQLite in ${config.dataDir}`;
  Logger.log(
    `Ikrar ledger API on http://localhost:${config.port} (events: ${store}; read models: ${readModels}, projector ${config.projectorMode}); docs at /docs`,
    'Ikrar',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`Ikrar failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
