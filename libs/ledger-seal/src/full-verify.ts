import { EventStore, SqliteEventStore, verifyLog, VerifyLogOptions, VerifyResult } from '@ikrar/event-store';
import { IndexCheckReport, IndexFailure, Sealer, SealChainProblem, SealChainReport } from './sealer';

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
  let chain: SealChainReport;
  let log: VerifyResult;
  let index: IndexCheckReport;
  if (sealer && store instanceof SqliteEventStore) {
    // The embedded store: this thread walks and hashes the log while the index and the seal chain are checked on the other cores.
    [chain, index, log] = await sealer.verifyIndexAndSealChainAlongside(store, () => verifyLog(store, options));
  } else if (sealer) {
    let walked: { log: VerifyResult; index: IndexCheckReport };
    [chain, walked] = await sealer.verifySealChainAlongside(async () => ({ log: await verifyLog(store, options), index: await sealer.verifyIndex(store, options.pageSize ?? 1000) }));
    ({ log, index } = walked);
  } else {
    chain = { valid: true, seals: 0, problems: [] };
    log = await verifyLog(store, options);
    index = { checked: 0, ok: true, firstFailure: null };
  }
  const seals = { checked: chain.seals, ok: chain.valid, firstFailure: chain.problems[0] ?? null };
  return { ...log, ok: log.ok && index.ok && seals.ok, index, seals };
}
