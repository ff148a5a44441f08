import { EventStore, SqliteEventStore, StoredLogChecker, verifyLog, VerifyLogOptions, VerifyResult } from '@ikrar/event-store';
import { IndexCheckReport, IndexFailure, logEventOfRow, Sealer, SealChainProblem } from './sealer';

export interface FullVerifyResult extends VerifyResult {
  readonly index: { readonly checked: number; readonly ok: boolean; readonly firstFailure: IndexFailure | null };
  readonly seals: { readonly checked: number; readonly ok: boolean; readonly firstFailure: SealChainProblem | null };
}

/**
 * The whole check an auditor runs: the event log (`verifyLog`), the sealer's ledger index against
 * the log, and the signed seal chain. `ok` only when all three hold; `firstFailure` stays the log's
 * first broken event, `index.firstFailure` names the first ledger index that no longer matches the
 * log, `seals.firstFailure` the first forged or broken seal (by seq). Without a sealer the index and
 * seal checks are empty (checked 0).
 */
export async function verifyLedgerFully(store: EventStore, sealer: Sealer | null, options: VerifyLogOptions = {}): Promise<FullVerifyResult> {
  const walk = async (): Promise<{ log: VerifyResult; index: IndexCheckReport }> =>
    store instanceof SqliteEventStore && sealer
      ? verifyLogAndIndexInOnePass(store, sealer, options)
      : {
          log: await verifyLog(store, options),
          index: sealer ? await sealer.verifyIndex(store, options.pageSize ?? 1000) : { checked: 0, ok: true, firstFailure: null },
        };
  const [chain, { log, index }] = sealer ? await sealer.verifySealChainAlongside(walk) : [{ valid: true, seals: 0, problems: [] }, await walk()];
  const seals = { checked: chain.seals, ok: chain.valid, firstFailure: chain.problems[0] ?? null };
  return { ...log, ok: log.ok && index.ok && seals.ok, index, seals };
}

/**
 * The embedded store's log read once, page by page, for both checks: each row goes through the log
 * check (until its first failure) and the ledger index check (until its first failure or its last
 * entry), with exactly the results `verifyLog` and `Sealer.verifyIndex` give separately.
 */
async function verifyLogAndIndexInOnePass(store: SqliteEventStore, sealer: Sealer, options: VerifyLogOptions): Promise<{ log: VerifyResult; index: IndexCheckReport }> {
  const pageSize = Math.max(1, options.pageSize ?? 1000);
  const log = new StoredLogChecker();
  const index = sealer.indexChecker(pageSize);
  let logDone = false;
  let after = 0;
  for (;;) {
    const page = store.readRows(after, pageSize);
    for (const row of page) {
      if (!logDone && !log.feed(row)) logDone = true;
      if (!index.done) index.feed(logEventOfRow(row, () => row));
      if (logDone && index.done) break;
    }
    if (page.length > 0) {
      after = page[page.length - 1].global_position;
      if (!logDone) options.onProgress?.(log.eventsChecked, log.lastPosition!);
    }
    if (page.length < pageSize || (logDone && index.done)) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { log: log.result(), index: index.finish() };
}
