import { IkrarConfig } from '@ikrar/config';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEventStore } from '@ikrar/event-store';
import { DigestCheck, resolveSealSigningKey, Sealer, SEALS_FILE, verifyLedgerFully } from '@ikrar/ledger-seal';
import { ProgressBar } from './progress-bar';

/**
 * `ikrar verify`: walks the whole event log (constant memory), recomputes every event hash and checks
 * each stream's chain, with a progress bar on stderr. Prints the result as JSON on stdout (the same
 * as `GET /audit/verify`); exit 0 when the log is intact, 2 when an event fails.
 */
const quietLogger = { warn: () => undefined, log: () => undefined };

export const VERIFY_USAGE = 'verify [--digest <seal.json>]';

export async function verifyLedger(config: IkrarConfig, args: string[]): Promise<number> {
  let digestFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--digest' && i + 1 < args.length) digestFile = args[++i];
    else if (args[i].startsWith('--digest=')) digestFile = args[i].slice('--digest='.length);
    else {
      process.stderr.write(`ikrar: usage: ${VERIFY_USAGE}\n`);
      return 64;
    }
  }
  if (digestFile === '') {
    process.stderr.write(`ikrar: usage: ${VERIFY_USAGE}\n`);
    return 64;
  }
  let digest: unknown;
  if (digestFile !== undefined) {
    try {
      digest = JSON.parse(readFileSync(digestFile, 'utf8'));
    } catch (error) {
      process.stderr.write(`ikrar verify: cannot read the digest: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  }
  const store = await openEventStore(config);
  const sealsFile = join(config.dataDir, SEALS_FILE);
  // Only read the sealer's file when it exists (verification never creates or indexes anything).
  const sealer = existsSync(sealsFile) ? Sealer.open({ eventStore: store, file: sealsFile, signingKey: resolveSealSigningKey(config, quietLogger) }) : null;
  try {
    const [head] = await store.readAll({ direction: 'backwards', maxCount: 1 });
    const progress = new ProgressBar(process.stderr);
    // Positions need not be dense (EventStoreDB), so the total is estimated from how far through the log we are.
    const result = await verifyLedgerFully(store, sealer, {
      onProgress: (checked, position) => {
        const total = head && position > 0 ? Math.max(checked, Math.round((checked * head.globalPosition) / position)) : checked;
        progress.update(checked, total);
      },
    });
    if (result.ok) progress.update(result.eventsChecked, result.eventsChecked);
    progress.finish();
    let digestCheck: DigestCheck | undefined;
    if (digestFile !== undefined) {
      digestCheck = sealer
        ? sealer.checkDigest(digest)
        : { ok: false, treeSize: null, latestTreeSize: null, problems: [`no ledger index (${SEALS_FILE}) in ${config.dataDir}`] };
    }
    process.stdout.write(`${JSON.stringify(digestCheck ? { ...result, digest: digestCheck } : result, null, 2)}\n`);
    if (digestCheck && !digestCheck.ok) process.stderr.write(`ikrar verify: the digest does not verify:\n${digestCheck.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    if (!result.ok && result.firstFailure) {
      const f = result.firstFailure;
      process.stderr.write(
        `ikrar verify: ${f.problem} at ${f.streamId}@${f.streamRevision} (event ${f.eventId}, position ${f.globalPosition})\n`,
      );
    } else if (!result.index.ok && result.index.firstFailure) {
      const f = result.index.firstFailure;
      process.stderr.write(
        `ikrar verify: ledger index ${f.ledgerIndex} ${f.problem}: ${f.streamId}@${f.streamRevision} (event ${f.eventId}, position ${f.globalPosition})\n`,
      );
    }
    if (!result.seals.ok && result.seals.firstFailure) process.stderr.write(`ikrar verify: ${result.seals.firstFailure.problem}\n`);
    return result.ok && (digestCheck?.ok ?? true) ? 0 : 2;
  } finally {
    if (sealer) await sealer.close();
    await store.close();
  }
}
