import { join } from 'node:path';
import { SqliteEventStore } from '@ikrar/event-store';
import { resolveSealSigningKey, Sealer, SEALS_FILE, verifyLedgerFully } from '@ikrar/ledger-seal';
import { peakRssMb, reportResult } from '../support/processes';

/** Scenario 5: what `ikrar verify` runs (log hash chains, ledger index against the log, seal chain), timed. */
const [dataDir] = process.argv.slice(2);
const quiet = { warn: () => undefined, log: () => undefined };

async function main(): Promise<void> {
  const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
  const sealer = Sealer.open({ eventStore: store, file: join(dataDir, SEALS_FILE), signingKey: resolveSealSigningKey({ dataDir, sealKeyPem: null, sealKeyId: null }, quiet) });
  const started = performance.now();
  const result = await verifyLedgerFully(store, sealer);
  const seconds = (performance.now() - started) / 1000;
  await sealer.close();
  await store.close();
  reportResult({
    ok: result.ok,
    events: result.eventsChecked,
    indexChecked: result.index.checked,
    sealsChecked: result.seals.checked,
    firstFailure: result.firstFailure ?? result.index.firstFailure ?? result.seals.firstFailure,
    seconds,
    throughput: result.eventsChecked / seconds,
    peakRssMb: peakRssMb(),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
