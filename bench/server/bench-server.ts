import 'reflect-metadata';
import { loadConfig } from '@ikrar/config';
import { createApp } from '../../apps/ledger-api/src/create-app';
import { openInfrastructure } from '../../apps/ledger-api/src/infrastructure';
import { BenchBaselineModule } from './baseline.module';

/**
 * The API exactly as `main` assembles it (configuration from the environment, inline projector,
 * sealer), plus the bench's baseline route. Prints `listening <port>` on stdout once it serves.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const infrastructure = await openInfrastructure(config);
  const app = await createApp(infrastructure, config, [BenchBaselineModule]);
  const shutdown = async () => {
    await app.close();
    await infrastructure.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
  await app.listen(config.port, '127.0.0.1');
  process.stdout.write(`listening ${config.port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
