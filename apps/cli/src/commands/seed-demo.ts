import { commitmentDecider, commitmentStreamId } from '@ikrar/domain';
import { IkrarConfig } from '@ikrar/config';
import { loadAggregate } from '@ikrar/application';
import { seedScenarios } from '../demo/demo-data';
import { DemoSeeder } from '../demo/demo-seeder';
import { openLedgerContext } from '../ledger-context';

export async function seedDemo(config: IkrarConfig, args: string[]): Promise<number> {
  const verbose = args.includes('--verbose');
  const ledger = await openLedgerContext(config);
  try {
    const [lastBefore] = await ledger.store.readAll({ direction: 'backwards', maxCount: 1 });
    const seeder = new DemoSeeder(ledger.commands, (line) => verbose && process.stdout.write(`${line}\n`));
    const milestoneIds = async (commitmentId: string) =>
      (await loadAggregate(ledger.store, commitmentDecider, commitmentStreamId(commitmentId))).state.milestones.map((m) => m.milestoneId);
    await seedScenarios(seeder, milestoneIds);
    const [lastAfter] = await ledger.store.readAll({ direction: 'backwards', maxCount: 1 });
    const appended = lastBefore?.globalPosition === lastAfter?.globalPosition ? 0 : await countAfter(ledger.store, lastBefore?.globalPosition);
    const where = config.eventStoreUrl ?? config.dataDir;
    process.stdout.write(
      appended === 0
        ? `Demo data already present in ${where}: nothing appended.\n`
        : `Demo data loaded into ${where}: ${appended} events appended (NTB, Kayong Utara, Kaur Tengah, Bangka Selatan).\n` +
            `Forum NTB: GET /forums/${seeder.id('forum-ntb')}\n`,
    );
    return 0;
  } finally {
    await ledger.close();
  }
}

async function countAfter(store: { readAll(o: { after?: number; maxCount?: number }): Promise<unknown[]> }, after: number | undefined): Promise<number> {
  let count = 0;
  let position = after;
  for (;;) {
    const batch = (await store.readAll({ after: position, maxCount: 1000 })) as Array<{ globalPosition: number }>;
    if (batch.length === 0) return count;
    count += batch.length;
    position = batch[batch.length - 1].globalPosition;
  }
}
