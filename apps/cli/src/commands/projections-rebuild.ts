import { IkrarConfig } from '@ikrar/config';
import { openEventStore } from '@ikrar/event-store';
import { createProjections, Projector } from '@ikrar/projections';
import { openReadStore } from '@ikrar/read-store';
import { ProgressBar } from './progress-bar';

/**
 * `projections rebuild`: replays the whole log into a fresh generation of the read models, then
 * switches over in one step. A running API keeps serving the old generation until then, and its
 * projector (or apps/projector) moves to the new one by itself.
 */
export async function projectionsRebuild(config: IkrarConfig, _args: string[]): Promise<number> {
  const eventStore = await openEventStore(config);
  try {
    const readStore = await openReadStore({ mongodbUrl: config.mongodbUrl, dataDir: config.dataDir });
    try {
      const projector = new Projector({ eventStore, readStore, projections: createProjections() });
      const started = Date.now();
      const progress = new ProgressBar(process.stderr);
      const result = await projector.rebuild((done, total) => progress.update(done, total));
      progress.finish();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `Read models rebuilt into generation ${result.generation} and activated: ${result.events.toLocaleString('en-US')} events ` +
          `up to position ${result.position ?? 'none'} in ${seconds} s, ${result.failures} failure(s)` +
          `${result.failures > 0 ? ' (see GET /projections)' : ''}.\n`,
      );
      return 0;
    } finally {
      await readStore.close();
    }
  } finally {
    await eventStore.close();
  }
}
