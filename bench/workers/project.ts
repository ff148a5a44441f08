import { join } from 'node:path';
import { SqliteEventStore } from '@ikrar/event-store';
import { createProjections, Projector } from '@ikrar/projections';
import { SqliteReadStore } from '@ikrar/read-store';
import { peakRssMb, reportResult } from '../support/processes';

/**
 * Scenario 4, in its own process so that its peak memory is its own:
 * - `catch-up`: the live projector started on an empty read store, until every projection's checkpoint
 *   (active generation) reaches the head of the log. From nothing and this far behind it takes the bulk
 *   path (a new generation loaded like a rebuild's, indexed once, activated), then follows the log live;
 * - `rebuild`: `ikrar projections rebuild`'s code path, a fresh generation replayed page by page
 *   from position 0 and activated.
 */
const [mode, dataDir] = process.argv.slice(2);

async function main(): Promise<void> {
  const eventStore = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
  const readStore = SqliteReadStore.open({ file: join(dataDir, 'read-models.sqlite') });
  const projector = new Projector({ eventStore, readStore, projections: createProjections() });
  const [head] = await eventStore.readAll({ direction: 'backwards', maxCount: 1 });
  const headPosition = head?.globalPosition ?? 0;
  const started = performance.now();
  let events: number;
  if (mode === 'catch-up') {
    await projector.start();
    const reached = await projector.waitFor(headPosition, 30 * 60_000);
    if (!reached) throw new Error('the projector did not catch up');
    events = headPosition;
    await projector.stop();
  } else if (mode === 'rebuild') {
    events = (await projector.rebuild()).events;
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const status = await projector.status();
  const failures = status.reduce((sum, s) => sum + s.failures, 0);
  const lag = Math.max(...status.map((s) => s.lag));
  await readStore.close();
  await eventStore.close();
  reportResult({ mode, events, seconds, throughput: events / seconds, failures, lag, peakRssMb: peakRssMb() });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
