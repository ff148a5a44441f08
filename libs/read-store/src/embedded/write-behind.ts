import { Worker } from 'node:worker_threads';
import type { ProjectionFailure } from '../port';

/**
 * One commit as the writer thread runs it: everything checked, serialised and resolved to SQL on the
 * calling thread (the tables exist, the statements are spelled by `tables.ts`), so the thread only binds
 * one JSON text per statement and runs it.
 */
export interface WriterCommit {
  readonly generation: number;
  readonly projection: string;
  readonly position: number;
  readonly updatedAt: string;
  /** Statements, in order, each with its one argument. */
  readonly sql: readonly string[];
  readonly json: readonly string[];
  readonly failures: readonly ProjectionFailure[];
}

/** `gone`: the generation was dropped (or never existed); `replay`: the checkpoint was already there, nothing written. */
export type WriterOutcome = 'committed' | 'replay' | 'gone';

/**
 * The writer thread: its own connection to the store file, one immediate transaction per commit, with the
 * same checks in the same transaction as the inline path (generation live, checkpoint not already past).
 * Plain JavaScript, so it runs without a TypeScript loader (tests, ts-node and the build alike).
 */
const WRITER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = ' + workerData.walAutocheckpoint);
db.pragma('cache_size = ' + workerData.cacheSize);
const generationState = db.prepare('SELECT state FROM generations WHERE generation = ?').pluck();
const checkpointOf = db.prepare('SELECT position FROM checkpoints WHERE generation = ? AND projection = ?').pluck();
const recordFailure = db.prepare(workerData.recordFailureSql);
const moveCheckpoint = db.prepare(workerData.moveCheckpointSql);
const statements = new Map();
const statement = (sql) => {
  let prepared = statements.get(sql);
  if (prepared === undefined) {
    prepared = db.prepare(sql);
    if (statements.size >= 256) statements.delete(statements.keys().next().value);
    statements.set(sql, prepared);
  }
  return prepared;
};
const apply = db.transaction((c) => {
  const state = generationState.get(c.generation);
  if (state === undefined || state === 'dropped') return 'gone';
  const current = checkpointOf.get(c.generation, c.projection);
  if (current !== undefined && current >= c.position) return 'replay';
  for (let i = 0; i < c.sql.length; i++) statement(c.sql[i]).run(c.json[i]);
  for (const f of c.failures) recordFailure.run(c.generation, f.projection, f.globalPosition, f.eventId, f.eventType, f.error, f.failedAt);
  moveCheckpoint.run(c.generation, c.projection, c.position, c.updatedAt);
  return 'committed';
});
parentPort.on('message', (message) => {
  if (message.close) {
    statements.clear();
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, outcome: apply.immediate(message.commit) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { name: error && error.name, message: error && error.message, code: error && error.code } });
  }
});
`;

export interface WriterSettings {
  readonly file: string;
  readonly walAutocheckpoint: number;
  readonly cacheSize: number;
  readonly recordFailureSql: string;
  readonly moveCheckpointSql: string;
}

interface Waiting {
  resolve(outcome: WriterOutcome): void;
  reject(error: Error): void;
}

/**
 * Write-behind for the embedded read store: commits run on a worker thread over its own connection, in the
 * order they were handed over, while the calling thread goes on (a projector folds its next batch). Each
 * commit is still one transaction with its checkpoint, so a crash leaves either the whole commit or none
 * of it, exactly as when committing inline. The thread holds the process open only while commits are
 * pending.
 */
export class WriteBehind {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private readonly idleWaiters: Array<() => void> = [];
  private nextId = 1;
  private failure: Error | null = null;
  private readonly exited: Promise<void>;

  constructor(settings: WriterSettings) {
    this.worker = new Worker(WRITER_SCRIPT, {
      eval: true,
      workerData: { ...settings, sqlite: require.resolve('better-sqlite3') },
      // Everything it allocates dies with its commit: a small young generation collects it sooner, for
      // less memory and no measurable cost.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    this.worker.unref();
    this.worker.on('message', (message: { id: number; outcome?: WriterOutcome; error?: { name?: string; message?: string; code?: string } }) => {
      const waiting = this.waiting.get(message.id);
      if (!waiting) return;
      this.waiting.delete(message.id);
      if (message.error) waiting.reject(rebuiltError(message.error));
      else waiting.resolve(message.outcome!);
      this.settled();
    });
    this.worker.on('error', (error) => this.broken(error));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.once('exit', (code) => this.broken(new Error(`the read store's writer thread exited (code ${code})`)));
  }

  /** False once the thread failed or exited: the store then starts a new one. */
  get usable(): boolean {
    return this.failure === null;
  }

  commit(commit: WriterCommit): Promise<WriterOutcome> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    this.worker.postMessage({ id, commit });
    const outcome = new Promise<WriterOutcome>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    if (this.waiting.size === 1) this.worker.ref();
    return outcome;
  }

  /** Settles once every commit handed over so far has finished (committed or failed). */
  idle(): Promise<void> {
    if (this.waiting.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Lets the pending commits finish, then ends the thread and its connection. */
  async close(): Promise<void> {
    await this.idle();
    if (this.failure === null) {
      this.failure = new Error('The read store is closed');
      this.worker.ref();
      this.worker.postMessage({ close: true });
    }
    await this.exited;
  }

  private settled(): void {
    if (this.waiting.size > 0) return;
    this.worker.unref();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private broken(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
    this.settled();
  }
}

function rebuiltError(raw: { name?: string; message?: string; code?: string }): Error {
  const error = new Error(raw.message ?? 'the read store writer failed') as Error & { code?: string };
  if (raw.name) error.name = raw.name;
  if (raw.code) error.code = raw.code;
  return error;
}
