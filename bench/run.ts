import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ADMIN, authHeaders } from './support/auth';
import { startApi } from './support/http';
import { ROOT, runWorker } from './support/processes';
import { BenchReport, Figure, maxFigure, minFigure, notRun, ratioFigure, renderTable, writeReport } from './support/report';
import { baselineRequests, commandMix, commitmentListRequests, obligationsRequests, runLoad, seedCommandsLedger } from './scenarios/http';

/**
 * `npm run bench`: every figure of issue 6 on the embedded default (SQLite), each against its target,
 * printed as one table and written as JSON to bench/results/ (latest.json and a timestamped copy).
 *
 *   --scale=full|smoke   full: the sizes of the issue (1,000,000 events); smoke: a few hundred events and
 *                        a second or two per scenario, to check that everything runs (the smoke test)
 *   --out=<dir>          where the JSON goes (default bench/results)
 *   --keep               keep the generated data (in a temp folder, printed)
 *   --data=<dir>         put the generated data there instead of a fresh temp folder
 */
interface Scale {
  readonly name: string;
  readonly appendSeconds: number;
  readonly appendConcurrency: number;
  readonly commandSeconds: number;
  readonly commandWarmupSeconds: number;
  readonly commandConnections: number;
  readonly commandPool: number;
  readonly events: number;
  readonly partners: number;
  readonly commitments: number;
  readonly querySeconds: number;
  readonly queryConnections: number;
  readonly startups: number;
}

const SCALES: Record<string, Scale> = {
  full: {
    name: 'full',
    appendSeconds: 10,
    appendConcurrency: 64,
    commandSeconds: 15,
    commandWarmupSeconds: 3,
    commandConnections: 64,
    commandPool: 256,
    events: 1_000_000,
    partners: 2_000,
    commitments: 20_000,
    querySeconds: 10,
    queryConnections: 32,
    startups: 3,
  },
  smoke: {
    name: 'smoke',
    appendSeconds: 0.5,
    appendConcurrency: 64,
    commandSeconds: 1,
    commandWarmupSeconds: 0.3,
    commandConnections: 64,
    commandPool: 16,
    events: 600,
    partners: 20,
    commitments: 40,
    querySeconds: 0.5,
    queryConnections: 32,
    startups: 1,
  },
};

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  const found = process.argv.find((a) => a.startsWith(prefix));
  return found?.slice(prefix.length);
}

function say(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

const n = (value: number) => Math.round(value).toLocaleString('en-US');

async function main(): Promise<void> {
  const preset = SCALES[arg('scale') ?? 'full'];
  if (!preset) throw new Error(`unknown --scale; use ${Object.keys(SCALES).join(' or ')}`);
  // Development overrides (a smaller data set while profiling): --events= --partners= --commitments= --seconds=
  const override = (name: string, fallback: number) => (arg(name) !== undefined ? Number(arg(name)) : fallback);
  const seconds = arg('seconds') !== undefined ? Number(arg('seconds')) : null;
  const scale: Scale = {
    ...preset,
    name: ['events', 'partners', 'commitments', 'seconds'].some((k) => arg(k) !== undefined) ? `${preset.name}-custom` : preset.name,
    events: override('events', preset.events),
    partners: override('partners', preset.partners),
    commitments: override('commitments', preset.commitments),
    ...(seconds !== null ? { appendSeconds: seconds, commandSeconds: seconds, querySeconds: seconds } : {}),
  };
  const outDir = resolve(arg('out') ?? join(ROOT, 'bench', 'results'));
  const keep = process.argv.includes('--keep');
  const dataRoot = arg('data') ? resolve(arg('data')!) : mkdtempSync(join(tmpdir(), 'ikrar-bench-'));
  mkdirSync(dataRoot, { recursive: true });
  const startedAt = new Date();
  const figures: Figure[] = [];
  const details: Record<string, unknown> = { dataRoot };
  say(`scale ${scale.name}; data in ${dataRoot}`);

  try {
    // 2 and 3: appends through the port, the raw baseline, the peer.
    const appendScenario = `${scale.appendConcurrency} concurrent writers, one single-event append each at a time to its own stream with an exact expected revision, ${scale.appendSeconds} s; WAL + synchronous=FULL`;
    const appendDir = join(dataRoot, 'appends');
    mkdirSync(appendDir, { recursive: true });
    say('appends: ours');
    const ours = await runWorker<{ throughput: number; transactions: number; events: number }>('bench/workers/appends', ['ours', appendDir, String(scale.appendSeconds), String(scale.appendConcurrency)]);
    say('appends: raw baseline');
    const raw = await runWorker<{ throughput: number; transactions: number; events: number }>('bench/workers/appends', ['raw', appendDir, String(scale.appendSeconds), String(scale.appendConcurrency)]);
    details.appends = { ours, raw };
    figures.push(
      ratioFigure({
        id: 'appends.throughput',
        figure: '2. Appends through the EventStore port',
        unit: 'events/s',
        value: ours.throughput,
        baseline: raw.throughput,
        scenario: `${appendScenario}. Baseline: the same rows (ids, JSON, chained hashes computed ahead) inserted by hand into the same schema on the same better-sqlite3 engine, ${scale.appendConcurrency} rows per transaction`,
        note: `${n(ours.events)} events in ${n(ours.transactions)} group commits`,
        minRatio: 0.5,
      }),
    );
    say('appends: emmett-sqlite peer');
    try {
      const peer = await runWorker<{ throughput: number; events: number; retries: number; synchronous: number; journalMode: string }>('bench/workers/appends', [
        'emmett',
        appendDir,
        String(scale.appendSeconds),
        String(scale.appendConcurrency),
      ]);
      details.peer = peer;
      figures.push(
        ratioFigure({
          id: 'peer.throughput',
          figure: '3. Appends vs @event-driven-io/emmett-sqlite',
          unit: 'events/s',
          value: ours.throughput,
          baseline: peer.throughput,
          scenario: `${appendScenario}. Peer: emmett-sqlite 0.38 (node-sqlite3, journal_mode=${peer.journalMode}, synchronous=${peer.synchronous === 2 ? 'FULL' : peer.synchronous}), its appends queued one at a time (it fails with SQLITE_BUSY otherwise)`,
          note: `peer ${n(peer.events)} events, ${peer.retries} retried`,
          minRatio: 2,
        }),
      );
    } catch (error) {
      figures.push(notRun('peer.throughput', '3. Appends vs @event-driven-io/emmett-sqlite', 'events/s', '>= 2 x peer', appendScenario, `the peer could not run: ${String(error).slice(0, 200)}`));
    }
    rmSync(appendDir, { recursive: true, force: true });

    // 1: commands over HTTP vs the baseline route.
    const commandsDir = join(dataRoot, 'commands');
    say('commands: starting the API with the baseline route');
    const api = await startApi('bench/server/bench-server', commandsDir);
    try {
      const seeded = await seedCommandsLedger(api.base, scale.commandPool);
      say(`commands: seeded ${seeded.pool.length} accepted commitments; warming up`);
      await runLoad(api.base, scale.commandConnections, scale.commandWarmupSeconds, baselineRequests(seeded));
      await runLoad(api.base, scale.commandConnections, scale.commandWarmupSeconds, commandMix(seeded));
      say('commands: baseline route');
      const baseline = await runLoad(api.base, scale.commandConnections, scale.commandSeconds, baselineRequests(seeded));
      say('commands: command mix');
      const commands = await runLoad(api.base, scale.commandConnections, scale.commandSeconds, commandMix(seeded));
      const health = (await (await fetch(`${api.base}/health`)).json()) as { lastPosition?: number | null };
      details.commands = { baseline, commands, logSize: health.lastPosition ?? null };
      const errors = commands.non2xx + commands.errors;
      const scenario = `${scale.commandConnections} connections, ${scale.commandSeconds} s each after a ${scale.commandWarmupSeconds} s warm-up, on a fresh ledger (${seeded.pool.length} accepted commitments seeded); mix per connection: draft report, submit, accept, pledge, amend; inline projector and sealer running as in production`;
      const note = errors > 0 ? `FAILED: ${errors} non-2xx or errored responses ${JSON.stringify(commands.statusCodes)}` : `${n(commands.requests)} commands, ${n(baseline.requests)} baseline requests`;
      figures.push(
        ratioFigure({
          id: 'commands.throughput',
          figure: '1. Commands over HTTP, throughput',
          unit: 'req/s',
          value: commands.throughput,
          baseline: baseline.throughput,
          scenario: `${scenario}. Baseline: POST /bench/baseline, the pledge body through the same body parsing, validation pipe, actor resolution, interceptors and filters, no ledger work`,
          note,
          minRatio: 0.5,
        }),
        maxFigure({ id: 'commands.p99', figure: '1. Commands over HTTP, p99 latency', unit: 'ms', value: commands.latencyMs.p99, scenario, note: `baseline p99 ${baseline.latencyMs.p99} ms` + (errors > 0 ? `; ${note}` : ''), max: 25 }),
      );
    } finally {
      await api.stop();
      rmSync(commandsDir, { recursive: true, force: true });
    }

    // The dataset for 4 to 7.
    const ledgerDir = join(dataRoot, 'ledger');
    say(`dataset: generating ${n(scale.events)} events through the event store port, then sealing`);
    const dataset = await runWorker<{ events: number; partners: number; commitments: number; reports: number; samplePartnerIds: string[]; sampleForumIds: string[]; seals: number; seconds: number; sealSeconds: number }>(
      'bench/workers/dataset',
      [ledgerDir, String(scale.events), String(scale.partners), String(scale.commitments)],
      {},
      (line) => say(line),
    );
    const { samplePartnerIds, sampleForumIds, ...datasetSummary } = dataset;
    details.dataset = datasetSummary;
    const size = `${n(dataset.events)} events (${n(dataset.partners)} partners, ${n(dataset.commitments)} commitments, ${n(dataset.reports)} reports with revisions and returns, amendments, reductions, milestones, roles, renames), ${n(dataset.seals)} seals`;
    say(`dataset: ${n(dataset.events)} events in ${dataset.seconds.toFixed(1)} s, sealed in ${dataset.sealSeconds.toFixed(1)} s`);

    // 4: projection catch-up (live projector) and rebuild.
    for (const mode of ['catch-up', 'rebuild'] as const) {
      say(`projection: ${mode}`);
      const result = await runWorker<{ events: number; seconds: number; throughput: number; failures: number; lag: number; peakRssMb: number }>('bench/workers/project', [mode, ledgerDir]);
      details[`projection-${mode}`] = result;
      const failed = result.failures > 0 || result.lag > 0 ? `FAILED: ${result.failures} projection failures, lag ${result.lag}` : undefined;
      const scenario = `${size}, projected from position 0 into ${mode === 'catch-up' ? 'an empty read store by the live projector' : 'a fresh generation by the rebuild'} (both projections), own process`;
      figures.push(
        minFigure({ id: `projection.${mode}.throughput`, figure: `4. Projection ${mode}, throughput`, unit: 'events/s', value: result.throughput, scenario, note: failed ?? `${n(result.events)} events in ${result.seconds.toFixed(1)} s, 0 failures`, min: 25_000 }),
        maxFigure({ id: `projection.${mode}.rss`, figure: `4. Projection ${mode}, peak RSS`, unit: 'MB', value: result.peakRssMb, scenario, note: failed, max: 512 }),
      );
    }

    // 5: full verification.
    say('verification');
    const verified = await runWorker<{ ok: boolean; events: number; indexChecked: number; sealsChecked: number; seconds: number; throughput: number; peakRssMb: number; firstFailure: unknown }>('bench/workers/verify', [ledgerDir]);
    details.verification = verified;
    figures.push(
      minFigure({
        id: 'verification.throughput',
        figure: '5. Full verification (ikrar verify)',
        unit: 'events/s',
        value: verified.throughput,
        scenario: `${size}: every event hash and stream chain, the ledger index against the log, every seal's signature, root and link`,
        note: verified.ok ? `${n(verified.events)} events, ${n(verified.indexChecked)} index entries, ${n(verified.sealsChecked)} seals in ${verified.seconds.toFixed(1)} s` : `FAILED: ${JSON.stringify(verified.firstFailure)}`,
        min: 100_000,
      }),
    );

    // 7: start-up, then 6 on the last started process.
    const starts: number[] = [];
    let api7: Awaited<ReturnType<typeof startApi>> | null = null;
    for (let i = 0; i < scale.startups; i++) {
      say(`start-up ${i + 1}/${scale.startups}`);
      api7 = await startApi('apps/ledger-api/src/main', ledgerDir);
      starts.push(api7.readyMs);
      if (i < scale.startups - 1) await api7.stop();
    }
    try {
      const projections = (await (await fetch(`${api7!.base}/projections`, { headers: authHeaders(ADMIN) })).json()) as { projections?: Array<{ lag: number; failures: number }> } | Array<{ lag: number; failures: number }>;
      const list = Array.isArray(projections) ? projections : (projections.projections ?? []);
      const lag = Math.max(0, ...list.map((p) => p.lag));
      const failures = list.reduce((sum, p) => sum + p.failures, 0);
      const median = [...starts].sort((a, b) => a - b)[Math.floor(starts.length / 2)];
      details.startup = { startsMs: starts, projections: list };
      figures.push(
        maxFigure({
          id: 'startup.ms',
          figure: '7. Start-up to /health',
          unit: 'ms',
          value: median,
          scenario: `${size}, read models caught up; node dist/apps/ledger-api/src/main.js spawned until GET /health answers 200; median of ${starts.length}`,
          note: list.length === 0 || lag > 0 || failures > 0 ? `FAILED: projections lag ${lag}, failures ${failures}` : `starts ${starts.map((s) => s.toFixed(0)).join(', ')} ms; GET /projections lag 0, failures 0`,
          max: 3000,
        }),
      );

      say('queries: obligations');
      const obligations = await runLoad(api7!.base, scale.queryConnections, scale.querySeconds, obligationsRequests(samplePartnerIds, sampleForumIds));
      say('queries: commitment list');
      const list6 = await runLoad(api7!.base, scale.queryConnections, scale.querySeconds, commitmentListRequests(sampleForumIds, samplePartnerIds));
      details.queries = { obligations, commitments: list6 };
      const queryScenario = `${size}; ${scale.queryConnections} connections, ${scale.querySeconds} s`;
      for (const [id, label, result, what] of [
        ['queries.obligations.p99', '6. GET /partners/:id/obligations, p99', obligations, `over the ${samplePartnerIds.length} partners with the most commitments`],
        ['queries.commitments.p99', '6. GET /commitments (filtered), p99', list6, 'four filter shapes (forum+status, programme+region prefix, partner sorted by value, status+due before), 20 per page'],
      ] as const) {
        const errors = result.non2xx + result.errors;
        figures.push(
          maxFigure({
            id,
            figure: label,
            unit: 'ms',
            value: result.latencyMs.p99,
            scenario: `${queryScenario}, ${what}`,
            note: errors > 0 ? `FAILED: ${errors} non-2xx or errored responses ${JSON.stringify(result.statusCodes)}` : `${n(result.throughput)} req/s, p50 ${result.latencyMs.p50} ms`,
            max: 20,
          }),
        );
      }
    } finally {
      await api7?.stop();
    }
  } finally {
    if (!keep && !arg('data')) rmSync(dataRoot, { recursive: true, force: true });
    else say(`data kept in ${dataRoot}`);
  }

  const finishedAt = new Date();
  const report: BenchReport = {
    scale: scale.name,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    seconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', platform: `${process.platform} ${process.arch}` },
    pass: figures.every((f) => f.pass),
    figures,
    details,
  };
  const files = writeReport(outDir, report);
  process.stdout.write(`\nIkrar benchmark (${scale.name}), ${report.seconds.toFixed(0)} s, ${report.pass ? 'every target met' : 'some targets NOT met'}\n\n`);
  process.stdout.write(`${renderTable(figures)}\n\n`);
  process.stdout.write(`written: ${files.join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
