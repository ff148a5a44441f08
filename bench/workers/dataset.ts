import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@ikrar/event-store';
import { resolveSealSigningKey, Sealer, SEALS_FILE } from '@ikrar/ledger-seal';
import { generateDataset } from '../dataset/generate';
import { peakRssMb, reportResult } from '../support/processes';

/**
 * Writes the dataset into `<dataDir>/events.sqlite` through the event store port, then runs the
 * Sealer over it (dense ledger index, a signed seal every 100 events as the API does by default)
 * with the data dir's development key, exactly as the API and `ikrar verify` will find it.
 */
const [dataDir, eventsArg, partnersArg, commitmentsArg] = process.argv.slice(2);
const quiet = { warn: () => undefined, log: () => undefined };

async function main(): Promise<void> {
  const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
  const summary = await generateDataset(
    store,
    { events: Number(eventsArg), partners: Number(partnersArg), commitments: Number(commitmentsArg), batchEvents: 5000 },
    (line) => process.stderr.write(`${line}\n`),
  );
  const sealStarted = performance.now();
  const sealer = Sealer.open({
    eventStore: store,
    file: join(dataDir, SEALS_FILE),
    signingKey: resolveSealSigningKey({ dataDir, sealKeyPem: null, sealKeyId: null }, quiet),
    sealEvery: 100,
    sealIntervalMs: 0,
  });
  const indexed = await sealer.catchUp();
  const seals = sealer.latestSeal()?.seq ?? 0;
  await sealer.close();
  await store.close();
  const result = { ...summary, indexed, seals, sealSeconds: (performance.now() - sealStarted) / 1000, peakRssMb: peakRssMb() };
  writeFileSync(join(dataDir, 'dataset.json'), JSON.stringify(result, null, 2));
  reportResult(result);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
