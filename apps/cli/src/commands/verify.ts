import { IkrarConfig } from '@ikrar/config';
import { openEventStore, verifyLog } from '@ikrar/event-store';
import { ProgressBar } from './progress-bar';

/**
 * `ikrar verify`: walks the whole event log (constant memory), recomputes every event hash and checks
 * each stream's chain, with a progress bar on stderr. Prints the result as JSON on stdout (the same
 * as `GET /audit/verify`); exit 0 when the log is intact, 2 when an event fails.
 */
export async function verifyLedger(config: IkrarConfig, _args: string[]): Promise<number> {
  const store = await openEventStore(config);
  try {
    const [head] = await store.readAll({ direction: 'backwards', maxCount: 1 });
    const progress = new ProgressBar(process.stderr);
    // Positions need not be dense (EventStoreDB), so the total is estimated from how far through the log we are.
    const result = await verifyLog(store, {
      onProgress: (checked, position) => {
        const total = head && position > 0 ? Math.max(checked, Math.round((checked * head.globalPosition) / position)) : checked;
        progress.update(checked, total);
      },
    });
    if (result.ok) progress.update(result.eventsChecked, result.eventsChecked);
    progress.finish();
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (!result.ok && result.firstFailure) {
      const f = result.firstFailure;
      process.stderr.write(
        `ikrar verify: ${f.problem} at ${f.streamId}@${f.streamRevision} (event ${f.eventId}, position ${f.globalPosition})\n`,
      );
    }
    return result.ok ? 0 : 2;
  } finally {
    await store.close();
  }
}
