import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EventRow, EventRowHead, EventStore, EventSubscription, RecordedEvent, SqliteEventStore, toRecordedEvent } from '@ikrar/event-store';
import {
  Seal,
  consistencyProof as merkleConsistencyProof,
  createSeal,
  eventHash,
  inclusionProof as merkleInclusionProof,
  isHexSha256,
  MerkleFrontier,
  merkleRoot,
  sealFieldsProblem,
  sealHash,
  verifyConsistency,
  verifySeal,
  verifySealAsync,
} from '@ikrar/ledger-proof';
import { SealSigningKey } from './signing-key';

export const SEALS_FILE = 'ledger-seals.sqlite';

/**
 * How long the live sealer gathers new events before indexing them in one transaction (one fsync on the
 * API's event loop). Under the command mix of bench/ a turn-by-turn batch (0) cost about 7 % of the API's
 * CPU, 25 ms about 3.5 %; an inclusion proof of a just-recorded event waits that much longer (`waitFor`).
 */
const INDEX_BATCH_MS = 25;

/** A seal as stored and served: the seven signed members plus its place in the chain and the public key. */
export interface StoredSeal extends Seal {
  readonly seq: number;
  readonly sealHash: string;
  /** SPKI PEM of the key that signed it (for convenience; a verifier should trust its own copy). */
  readonly publicKeyPem: string;
}

export interface InclusionProofDocument {
  readonly eventId: string;
  readonly ledgerIndex: number;
  readonly eventHash: string;
  readonly treeSize: number;
  readonly rootHash: string;
  /** Audit path, leaf upwards, lowercase hex. */
  readonly proof: string[];
  readonly seal: StoredSeal;
}

export interface ConsistencyProofDocument {
  readonly fromSize: number;
  readonly toSize: number;
  readonly fromRoot: string;
  readonly toRoot: string;
  readonly proof: string[];
  readonly seals: { readonly from: StoredSeal; readonly to: StoredSeal };
}

export interface SealChainProblem {
  readonly seq: number;
  readonly problem: string;
}

export interface SealChainReport {
  readonly valid: boolean;
  readonly seals: number;
  readonly problems: SealChainProblem[];
}

export interface IndexFailure {
  readonly ledgerIndex: number;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly problem: 'index-gap' | 'missing-from-log' | 'not-in-log-at-position' | 'hash-mismatch';
}

export interface IndexCheckReport {
  readonly checked: number;
  readonly ok: boolean;
  readonly firstFailure: IndexFailure | null;
}

export interface DigestCheck {
  readonly ok: boolean;
  readonly treeSize: number | null;
  readonly latestTreeSize: number | null;
  readonly problems: string[];
}

export interface SealerOptions {
  readonly eventStore: EventStore;
  /** SQLite file of the index and the seals (`<dataDir>/ledger-seals.sqlite`). */
  readonly file: string;
  readonly signingKey: SealSigningKey;
  /** Seal as soon as this many events are unsealed (default 100). */
  readonly sealEvery?: number;
  /** Seal pending events at least this often (default 60 000 ms); 0 disables the timer. */
  readonly sealIntervalMs?: number;
  readonly now?: () => Date;
  /**
   * A problem the sealer recovers from by retrying (the event store unreachable, the seals file locked by
   * another program, a full disk). Default: logged as an error.
   */
  readonly onError?: (error: unknown) => void;
  /** Pause before following the log again after such a problem. Default 1000 ms. */
  readonly retryDelayMs?: number;
}

/** How long indexing waits for a lock another connection holds on the seals file (an auditor's SQLite tool, say). */
const BUSY_TIMEOUT_MS = 5000;

export class SealingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealingError';
  }
}

interface IndexRow {
  ledger_index: number;
  global_position: number;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  event_hash: string;
}

interface SealRow {
  seq: number;
  tree_size: number;
  root_hash: string;
  chain_head: string | null;
  previous_seal_hash: string | null;
  sealed_at: string;
  key_id: string;
  signature: string;
  seal_hash: string;
}

/** The members an envelope hash covers when the store does not carry `hash` itself (globalPosition and recordedAt are not covered). */
function envelopeOf(event: RecordedEvent): Record<string, unknown> {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
  };
}

/**
 * Follows the event store's global log, gives every event a dense ledger index 0, 1, 2, ... and
 * writes Ed25519-signed, hash-chained seals over the RFC 9162 Merkle root of the indexed event
 * hashes every `sealEvery` events or `sealIntervalMs`, whichever comes first.
 */
export class Sealer {
  private readonly db: Database.Database;
  private readonly sealEvery: number;
  private readonly sealIntervalMs: number;
  private readonly now: () => Date;
  private subscription: EventSubscription | null = null;
  private loop: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private waiters: { position: number; resolve: () => void }[] = [];
  /**
   * What indexing and sealing need, kept in memory once read (this instance is the only writer of
   * its file): the next dense ledger index, the last indexed global position, the latest seal and the
   * Merkle frontier of the indexed event hashes (built on the first seal). Verification never uses them.
   */
  private tip: { nextIndex: number; lastPosition: number | null; lastHash: string | null } | null = null;
  private latest: SealRow | null | undefined = undefined;
  private frontier: MerkleFrontier | null = null;
  private failure: unknown = null;
  /** Ends the pause before a retry (stop() must not wait for it). */
  private wakeFromPause: (() => void) | null = null;
  private readonly insertIndex: Database.Statement;

  private constructor(private readonly options: SealerOptions) {
    this.sealEvery = options.sealEvery ?? 100;
    this.sealIntervalMs = options.sealIntervalMs ?? 60_000;
    if (!Number.isSafeInteger(this.sealEvery) || this.sealEvery < 1) throw new RangeError('sealEvery must be a positive integer');
    this.now = options.now ?? (() => new Date());
    mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS ledger_index (
        ledger_index INTEGER PRIMARY KEY,
        global_position INTEGER NOT NULL UNIQUE,
        event_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        stream_revision INTEGER NOT NULL,
        event_hash TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ledger_index_event ON ledger_index (event_id);
      CREATE INDEX IF NOT EXISTS ledger_index_stream ON ledger_index (stream_id, stream_revision);
      CREATE TABLE IF NOT EXISTS seals (
        seq INTEGER PRIMARY KEY,
        tree_size INTEGER NOT NULL,
        root_hash TEXT NOT NULL,
        chain_head TEXT,
        previous_seal_hash TEXT,
        sealed_at TEXT NOT NULL,
        key_id TEXT NOT NULL,
        signature TEXT NOT NULL,
        seal_hash TEXT NOT NULL
      );
    `);
    this.insertIndex = this.db.prepare(
      'INSERT INTO ledger_index (ledger_index, global_position, event_id, stream_id, stream_revision, event_hash) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  static open(options: SealerOptions): Sealer {
    return new Sealer(options);
  }

  get keyId(): string {
    return this.options.signingKey.keyId;
  }

  get publicKeyPem(): string {
    return this.options.signingKey.publicKeyPem;
  }

  /** Global position of the last indexed event (the subscription checkpoint), or null. */
  checkpoint(): number | null {
    const row = this.db.prepare('SELECT MAX(global_position) AS p FROM ledger_index').get() as { p: number | null };
    return row.p;
  }

  /** Number of indexed events (the next ledger index). */
  size(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM ledger_index').get() as { n: number }).n;
  }

  /**
   * Catches up from the checkpoint, then follows the live log until `stop()`. A failure (subscription,
   * indexing or sealing) does not end it: what was committed stays, memory is re-read from the file and the
   * log is followed again from the file's checkpoint after `retryDelayMs`.
   */
  async start(): Promise<void> {
    if (this.loop) return;
    this.stopped = false;
    this.loop = this.run();
    if (this.sealIntervalMs > 0) {
      this.timer = setInterval(() => {
        try {
          this.sealNow();
        } catch {
          /* retried at the next tick */
        }
      }, this.sealIntervalMs);
      this.timer.unref();
    }
  }

  /** The last problem while following the log, until the sealer next indexes events; null when none. */
  lastError(): unknown {
    return this.failure;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
        if (this.stopped) break;
        throw new SealingError('the event log subscription ended');
      } catch (error) {
        if (this.stopped) break;
        this.failure = error;
        (this.options.onError ?? logSealingError)(error);
        await this.pause(this.options.retryDelayMs ?? 1000);
      }
    }
  }

  /** Follows the log from the file's checkpoint; returns when the subscription ends, throws what stopped it. */
  private async follow(): Promise<void> {
    const after = this.checkpoint();
    const subscription = this.options.eventStore.subscribeToAll(after === null ? {} : { after });
    this.subscription = subscription;
    // Events are indexed in batches, one transaction and one fsync each: whatever arrived within
    // INDEX_BATCH_MS (at most 1000 events), instead of one transaction per event.
    let batch: RecordedEvent[] = [];
    let flushing: Promise<void> | null = null;
    let indexingError: unknown = null;
    const flush = () => {
      const events = batch;
      batch = [];
      flushing = null;
      if (events.length === 0 || !this.db.open) return;
      this.indexBatch(events);
      this.failure = null;
      this.wake(events[events.length - 1].globalPosition);
    };
    try {
      for await (const event of subscription) {
        if (this.stopped) break;
        batch.push(event);
        if (batch.length >= 1000) flush();
        else
          flushing ??= new Promise<void>((resolve) =>
            setTimeout(() => {
              try {
                flush();
              } catch (error) {
                indexingError ??= error;
                void subscription.close();
              }
              resolve();
            }, INDEX_BATCH_MS),
          );
      }
      await flushing;
    } finally {
      this.subscription = null;
      await subscription.close().catch(() => undefined);
    }
    if (indexingError !== null) throw indexingError;
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wakeFromPause = null;
        resolve();
      }, ms);
      this.wakeFromPause = () => {
        clearTimeout(timer);
        this.wakeFromPause = null;
        resolve();
      };
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.wakeFromPause?.();
    if (this.subscription) await this.subscription.close();
    if (this.loop) await this.loop;
    this.subscription = null;
    this.loop = null;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  /** Stops following the log and closes the database. */
  async close(): Promise<void> {
    await this.stop();
    if (this.db.open) this.db.close();
  }

  /**
   * Resolves once every event up to `position` is indexed, or the sealer stopped; rejects after `timeoutMs`
   * (naming the problem it is retrying after, if any).
   */
  async waitForPosition(position: number, timeoutMs = 10_000): Promise<void> {
    if ((this.checkpoint() ?? -1) >= position) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const problem = this.failure === null ? '' : ` (retrying after: ${messageOf(this.failure)})`;
        reject(new SealingError(`sealer did not reach position ${position} in ${timeoutMs} ms${problem}`));
      }, timeoutMs);
      this.waiters.push({
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private wake(position: number): void {
    const ready = this.waiters.filter((waiter) => waiter.position <= position);
    this.waiters = this.waiters.filter((waiter) => waiter.position > position);
    for (const waiter of ready) waiter.resolve();
  }

  /** Reads everything after the checkpoint, page by page, and indexes it (no live subscription). */
  async catchUp(pageSize = 5000): Promise<number> {
    const store = this.options.eventStore;
    let indexed = 0;
    for (;;) {
      const after = this.currentTip().lastPosition;
      // The embedded store's rows carry their hash: only ids, places and hashes are read, no payload parsed.
      const events =
        store instanceof SqliteEventStore
          ? store.readRowHeads(after ?? 0, pageSize).map((head) =>
              isHexSha256(head.hash)
                ? ({ globalPosition: head.global_position, eventId: head.event_id, streamId: head.stream_id, streamRevision: head.stream_revision, hash: head.hash } as RecordedEvent)
                : toRecordedEvent(store.readRow(head.global_position)!),
            )
          : await store.readAll(after === null ? { maxCount: pageSize } : { after, maxCount: pageSize });
      if (events.length === 0) return indexed;
      this.indexBatch(events);
      indexed += events.length;
    }
  }

  /** Indexes the events in one transaction, sealing every `sealEvery` events on the way. */
  private indexBatch(events: readonly RecordedEvent[]): void {
    this.transact(() => {
      for (const event of events) {
        this.indexEvent(event);
        if (this.pendingCount() >= this.sealEvery) this.sealNow();
      }
    });
  }

  /**
   * A transaction on the seals file. When it rolls back, what memory learned inside it (tip, latest seal,
   * frontier) is forgotten and read again from the file, which holds only what committed.
   */
  private transact<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (error) {
      this.tip = null;
      this.latest = undefined;
      this.frontier = null;
      throw error;
    }
  }

  /** Gives the event the next dense ledger index; events at or below the checkpoint are ignored. */
  indexEvent(event: RecordedEvent): number | null {
    const tip = this.currentTip();
    if (tip.lastPosition !== null && event.globalPosition <= tip.lastPosition) return null;
    const hash = this.hashOf(event);
    const ledgerIndex = tip.nextIndex;
    this.insertIndex.run(ledgerIndex, event.globalPosition, event.eventId, event.streamId, event.streamRevision, hash);
    this.tip = { nextIndex: ledgerIndex + 1, lastPosition: event.globalPosition, lastHash: hash };
    if (this.frontier !== null) this.frontier.push(Buffer.from(hash, 'hex'));
    return ledgerIndex;
  }

  private currentTip(): { nextIndex: number; lastPosition: number | null; lastHash: string | null } {
    if (this.tip === null) {
      const row = this.db.prepare('SELECT ledger_index, global_position, event_hash FROM ledger_index ORDER BY ledger_index DESC LIMIT 1').get() as
        | { ledger_index: number; global_position: number; event_hash: string }
        | undefined;
      this.tip = { nextIndex: row ? row.ledger_index + 1 : 0, lastPosition: this.checkpoint(), lastHash: row?.event_hash ?? null };
    }
    return this.tip;
  }

  /** The frontier of every indexed event hash, built from the table once, then kept up to date by `indexEvent`. */
  private currentFrontier(): MerkleFrontier {
    if (this.frontier === null) {
      const frontier = new MerkleFrontier();
      const rows = this.db.prepare('SELECT event_hash FROM ledger_index ORDER BY ledger_index').raw().iterate() as IterableIterator<[string]>;
      for (const [hash] of rows) frontier.push(Buffer.from(hash, 'hex'));
      this.frontier = frontier;
    }
    return this.frontier;
  }

  /** `event.hash` when the store records it, otherwise computed over the envelope, chained in its stream. */
  private hashOf(event: RecordedEvent): string {
    const recorded = (event as unknown as { hash?: unknown }).hash;
    if (typeof recorded === 'string' && isHexSha256(recorded)) return recorded;
    let previous: string | null = null;
    if (event.streamRevision > 0) {
      const row = this.db
        .prepare('SELECT event_hash FROM ledger_index WHERE stream_id = ? AND stream_revision = ?')
        .get(event.streamId, event.streamRevision - 1) as { event_hash: string } | undefined;
      previous = row?.event_hash ?? null;
    }
    return eventHash(envelopeOf(event), previous);
  }

  /** `hashOf` for an event of the index check: its recorded hash, else (a row without one) the event parsed and hashed. */
  private indexedHashOf(event: IndexedLogEvent): string {
    if (typeof event.hash === 'string' && isHexSha256(event.hash)) return event.hash;
    return this.hashOf('row' in event ? toRecordedEvent(event.row()) : event);
  }

  private pendingCount(): number {
    return this.currentTip().nextIndex - (this.cachedLatestSeal()?.tree_size ?? 0);
  }

  private cachedLatestSeal(): SealRow | null {
    if (this.latest === undefined) this.latest = this.latestSealRow() ?? null;
    return this.latest;
  }

  /** Leaf data read fresh from the table (what verification must use, never the cache). */
  private storedLeaves(treeSize: number): Buffer[] {
    const rows = this.db
      .prepare('SELECT event_hash FROM ledger_index WHERE ledger_index < ? ORDER BY ledger_index')
      .all(treeSize) as { event_hash: string }[];
    return rows.map((row) => Buffer.from(row.event_hash, 'hex'));
  }

  /** Seals every indexed event not yet sealed; returns the new seal, or null when nothing is pending. */
  sealNow(): StoredSeal | null {
    if (!this.db.open) return null;
    const seal = this.transact((): StoredSeal | null => {
      const previous = this.cachedLatestSeal();
      const tip = this.currentTip();
      const treeSize = tip.nextIndex;
      if (treeSize === 0 || treeSize === (previous?.tree_size ?? 0)) return null;
      const frontier = this.currentFrontier();
      if (frontier.size !== treeSize) throw new SealingError(`ledger index holds ${treeSize} events but its Merkle frontier ${frontier.size}`);
      const signed = createSeal(
        {
          treeSize,
          rootHash: frontier.root().toString('hex'),
          chainHead: tip.lastHash!,
          previousSealHash: previous?.seal_hash ?? null,
          sealedAt: this.now().toISOString(),
          keyId: this.options.signingKey.keyId,
        },
        this.options.signingKey.privateKey,
      );
      const hash = sealHash(signed);
      const seq = (previous?.seq ?? 0) + 1;
      this.db
        .prepare(
          'INSERT INTO seals (seq, tree_size, root_hash, chain_head, previous_seal_hash, sealed_at, key_id, signature, seal_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(seq, signed.treeSize, signed.rootHash, signed.chainHead, signed.previousSealHash, signed.sealedAt, signed.keyId, signed.signature, hash);
      const row = this.sealRow(seq)!;
      this.latest = row;
      return this.toStoredSeal(row);
    });
    return seal;
  }

  private latestSealRow(): SealRow | undefined {
    return this.db.prepare('SELECT * FROM seals ORDER BY seq DESC LIMIT 1').get() as SealRow | undefined;
  }

  private sealRow(seq: number): SealRow | undefined {
    return this.db.prepare('SELECT * FROM seals WHERE seq = ?').get(seq) as SealRow | undefined;
  }

  private sealRowOfSize(treeSize: number): SealRow | undefined {
    return this.db.prepare('SELECT * FROM seals WHERE tree_size = ? ORDER BY seq DESC LIMIT 1').get(treeSize) as SealRow | undefined;
  }

  private toStoredSeal(row: SealRow): StoredSeal {
    return {
      seq: row.seq,
      ...signedSealOf(row),
      sealHash: row.seal_hash,
      publicKeyPem: this.options.signingKey.publicKeyPem,
    };
  }

  latestSeal(): StoredSeal | null {
    const row = this.latestSealRow();
    return row ? this.toStoredSeal(row) : null;
  }

  seals(): StoredSeal[] {
    return (this.db.prepare('SELECT * FROM seals ORDER BY seq').all() as SealRow[]).map((row) => this.toStoredSeal(row));
  }

  /** Ledger index entry of an event, or null if it is not indexed yet. */
  indexOf(eventId: string): { ledgerIndex: number; globalPosition: number; eventHash: string; streamId: string; streamRevision: number } | null {
    const row = this.db.prepare('SELECT * FROM ledger_index WHERE event_id = ? ORDER BY ledger_index LIMIT 1').get(eventId) as IndexRow | undefined;
    return row
      ? { ledgerIndex: row.ledger_index, globalPosition: row.global_position, eventHash: row.event_hash, streamId: row.stream_id, streamRevision: row.stream_revision }
      : null;
  }

  /** Inclusion proof of the event against the latest seal, or null if unknown or not sealed yet. */
  inclusionProofFor(eventId: string): InclusionProofDocument | null {
    const entry = this.indexOf(eventId);
    const row = this.latestSealRow();
    if (entry === null || row === undefined || row.tree_size <= entry.ledgerIndex) return null;
    const leaves = this.storedLeaves(row.tree_size);
    return {
      eventId,
      ledgerIndex: entry.ledgerIndex,
      eventHash: entry.eventHash,
      treeSize: row.tree_size,
      rootHash: row.root_hash,
      proof: merkleInclusionProof(entry.ledgerIndex, leaves).map((node) => node.toString('hex')),
      seal: this.toStoredSeal(row),
    };
  }

  /**
   * Consistency proof between two sealed tree sizes, or null when either size is not a sealed size.
   * Throws RangeError unless 1 <= fromSize <= toSize.
   */
  consistencyProof(fromSize: number, toSize: number): ConsistencyProofDocument | null {
    if (!Number.isSafeInteger(fromSize) || !Number.isSafeInteger(toSize) || fromSize < 1 || fromSize > toSize) {
      throw new RangeError('consistency proof needs integers 1 <= from <= to');
    }
    const from = this.sealRowOfSize(fromSize);
    const to = this.sealRowOfSize(toSize);
    if (!from || !to) return null;
    const leaves = this.storedLeaves(toSize);
    return {
      fromSize,
      toSize,
      fromRoot: from.root_hash,
      toRoot: to.root_hash,
      proof: merkleConsistencyProof(fromSize, leaves).map((node) => node.toString('hex')),
      seals: { from: this.toStoredSeal(from), to: this.toStoredSeal(to) },
    };
  }

  /**
   * Checks the ledger index against the event log: the k-th indexed event must be the k-th event of
   * the log (dense order), at the same global position, with the same id and hash. Names the first
   * ledger index that no longer matches (a deleted, moved, swapped or rewritten event).
   */
  async verifyIndex(eventStore: EventStore = this.options.eventStore, pageSize = 1000): Promise<IndexCheckReport> {
    const size = this.size();
    const select = this.db.prepare('SELECT * FROM ledger_index WHERE ledger_index >= ? ORDER BY ledger_index LIMIT ?');
    let checked = 0;
    let after: number | undefined;
    // The embedded store's rows are compared as stored (no payload parsing): only ids, positions and the recorded hash matter here.
    const readPage =
      eventStore instanceof SqliteEventStore
        ? async (from: number | undefined, count: number): Promise<IndexedLogEvent[]> =>
            eventStore.readRowHeads(from ?? 0, count).map((head) => logEventOfRow(head, () => eventStore.readRow(head.global_position)!))
        : (from: number | undefined, count: number): Promise<IndexedLogEvent[]> => eventStore.readAll({ ...(from !== undefined ? { after: from } : {}), maxCount: count });
    while (checked < size) {
      const rows = select.all(checked, pageSize) as IndexRow[];
      const events = await readPage(after, rows.length);
      for (let i = 0; i < rows.length; i += 1) {
        const row = rows[i];
        const event = events[i];
        const named = {
          ledgerIndex: checked,
          globalPosition: row.global_position,
          eventId: row.event_id,
          streamId: row.stream_id,
          streamRevision: row.stream_revision,
        };
        if (row.ledger_index !== checked) return { checked, ok: false, firstFailure: { ...named, problem: 'index-gap' } };
        if (!event) return { checked, ok: false, firstFailure: { ...named, problem: 'missing-from-log' } };
        if (
          event.globalPosition !== row.global_position ||
          event.eventId !== row.event_id ||
          event.streamId !== row.stream_id ||
          event.streamRevision !== row.stream_revision
        ) {
          return { checked, ok: false, firstFailure: { ...named, problem: 'not-in-log-at-position' } };
        }
        if (this.indexedHashOf(event) !== row.event_hash) return { checked, ok: false, firstFailure: { ...named, problem: 'hash-mismatch' } };
        checked += 1;
        after = event.globalPosition;
      }
      if (rows.length === 0) break;
    }
    return { checked, ok: true, firstFailure: null };
  }

  /**
   * Checks a seal kept outside the system (as `GET /audit/seals/latest` served it) against the current
   * history: its Ed25519 signature by the configured key, the root of the current ledger index at its
   * tree size (recomputed from the stored event hashes) equal to its root, and an RFC 9162 consistency
   * proof from its tree size to the latest seal, verified with `verifyConsistency`.
   */
  checkDigest(digest: unknown): DigestCheck {
    const problems: string[] = [];
    if (digest === null || typeof digest !== 'object' || Array.isArray(digest)) {
      return { ok: false, treeSize: null, latestTreeSize: null, problems: ['the digest is not a JSON object'] };
    }
    const d = digest as Record<string, unknown>;
    const treeSize = Number.isSafeInteger(d.treeSize) ? (d.treeSize as number) : null;
    const latest = this.latestSealRow();
    const latestTreeSize = latest?.tree_size ?? null;
    const result = () => ({ ok: problems.length === 0, treeSize, latestTreeSize, problems });
    const fieldsProblem = sealFieldsProblem(signedSeal(d as unknown as Seal));
    if (fieldsProblem !== null) {
      problems.push(`the digest is not a seal: ${fieldsProblem}`);
      return result();
    }
    if (d.keyId !== this.options.signingKey.keyId) problems.push(`the digest is signed by unknown key "${String(d.keyId)}"`);
    else if (!verifySeal(signedSeal(d as unknown as Seal), this.options.signingKey.publicKey)) problems.push('the digest signature does not verify');
    if (problems.length > 0 || treeSize === null) return result();
    const rootHash = d.rootHash as string;
    const indexSize = this.size();
    if (treeSize < 1 || treeSize > indexSize) {
      problems.push(`the digest tree size ${treeSize} is outside the ledger index (${indexSize} events)`);
      return result();
    }
    if (latest === undefined || latest.tree_size < treeSize) {
      problems.push(`no seal covers the digest tree size ${treeSize}`);
      return result();
    }
    const leaves = this.storedLeaves(latest.tree_size);
    if (merkleRoot(leaves.slice(0, treeSize)).toString('hex') !== rootHash) {
      problems.push(`the current ledger's root at tree size ${treeSize} differs from the digest's root`);
    }
    const proof = merkleConsistencyProof(treeSize, leaves);
    if (!verifyConsistency(treeSize, latest.tree_size, Buffer.from(rootHash, 'hex'), Buffer.from(latest.root_hash, 'hex'), proof)) {
      problems.push(`the consistency proof from tree size ${treeSize} to the latest seal ${latest.seq} (size ${latest.tree_size}) does not verify`);
    }
    return result();
  }

  /**
   * Checks every seal: its signature (by the configured key), its stored seal hash, its root and
   * chain head against the ledger index, its tree size growing, and its link to the previous seal.
   */
  verifySealChain(): SealChainReport {
    const rows = this.db.prepare('SELECT * FROM seals ORDER BY seq').all() as SealRow[];
    const indexSize = this.size();
    const { keyId, publicKey } = this.options.signingKey;
    return this.sealChainReport(rows, indexSize, rows.map((row) => row.key_id === keyId && verifySeal(signedSealOf(row), publicKey)));
  }

  /**
   * `verifySealChain`, with the Ed25519 signatures checked on libuv's thread pool while `meanwhile`
   * runs on this thread (the full verification walks the log meanwhile): the same report.
   */
  async verifySealChainAlongside<T>(meanwhile: () => Promise<T>): Promise<[SealChainReport, T]> {
    const [chain, , other] = await this.verifyAlongside(null, meanwhile);
    return [chain, other];
  }

  /**
   * `verifySealChain` and `verifyIndex(store)` of the embedded store, while `meanwhile` (the log walk)
   * runs on this thread: the seal signatures on libuv's thread pool, the Merkle prefix roots and the
   * index comparison on a worker thread. Same reports as the separate methods (should the worker fail,
   * or meet a log row it cannot judge, the methods themselves run afterwards).
   */
  async verifyIndexAndSealChainAlongside<T>(store: SqliteEventStore, meanwhile: () => Promise<T>): Promise<[SealChainReport, IndexCheckReport, T]> {
    const [chain, index, other] = await this.verifyAlongside(store, meanwhile);
    return [chain, index ?? (await this.verifyIndex(store)), other];
  }

  private async verifyAlongside<T>(store: SqliteEventStore | null, meanwhile: () => Promise<T>): Promise<[SealChainReport, IndexCheckReport | null, T]> {
    const rows = this.db.prepare('SELECT * FROM seals ORDER BY seq').all() as SealRow[];
    const indexSize = this.size();
    const { keyId, publicKey } = this.options.signingKey;
    const signatures = Promise.all(rows.map((row) => (row.key_id === keyId ? verifySealAsync(signedSealOf(row), publicKey) : Promise.resolve(false))));
    const sizes = sealedSizes(rows, indexSize);
    const eventsFile = store && store.file !== ':memory:' ? store.file : null;
    const work = verifyInWorker(this.options.file, sizes, eventsFile, indexSize).catch(() => null);
    const other = await meanwhile();
    const done = await work;
    return [this.sealChainReport(rows, indexSize, await signatures, done?.prefixes ?? this.prefixRoots(sizes)), done?.index ?? null, other];
  }

  private sealChainReport(
    rows: readonly SealRow[],
    indexSize: number,
    signatureValid: readonly boolean[],
    prefixes: Map<number, { root: string; head: string }> = this.prefixRoots(sealedSizes(rows, indexSize)),
  ): SealChainReport {
    const problems: SealChainProblem[] = [];
    let previous: SealRow | null = null;
    let previousComputedHash: string | null = null;
    rows.forEach((row, i) => {
      const seal = signedSealOf(row);
      const problem = (text: string) => problems.push({ seq: row.seq, problem: `seal ${row.seq}: ${text}` });
      if (row.key_id !== this.options.signingKey.keyId) problem(`signed by unknown key "${row.key_id}"`);
      else if (!signatureValid[i]) problem('signature does not verify');
      let computed: string | null = null;
      try {
        computed = sealHash(seal);
      } catch {
        problem('is malformed');
      }
      if (computed !== null && computed !== row.seal_hash) problem('stored seal hash does not match its content');
      const expectedPrevious = previous === null ? null : previousComputedHash;
      if (row.previous_seal_hash !== expectedPrevious) {
        problem(previous === null ? 'first seal must have no previous seal hash' : `previous seal hash does not match seal ${previous.seq}`);
      }
      if (previous !== null && row.seq !== previous.seq + 1) problem(`sequence gap after seal ${previous.seq}`);
      if (previous !== null && row.tree_size <= previous.tree_size) problem(`tree size ${row.tree_size} does not grow past seal ${previous.seq}`);
      if (!Number.isSafeInteger(row.tree_size) || row.tree_size < 1 || row.tree_size > indexSize) {
        problem(`tree size ${row.tree_size} is outside the ledger index (${indexSize} events)`);
      } else {
        const prefix = prefixes.get(row.tree_size);
        if (prefix?.root !== row.root_hash) problem('root hash does not match the ledger index');
        if (prefix?.head !== row.chain_head) problem('chain head does not match the ledger index');
      }
      previous = row;
      previousComputedHash = computed;
    });
    return { valid: problems.length === 0, seals: rows.length, problems };
  }

  /**
   * The Merkle root and last leaf of the stored ledger index at each of the given tree sizes, read
   * fresh from the table in one pass (never from this instance's caches).
   */
  private prefixRoots(sizes: readonly number[]): Map<number, { root: string; head: string }> {
    const wanted = [...new Set(sizes)].sort((a, b) => a - b);
    const result = new Map<number, { root: string; head: string }>();
    if (wanted.length === 0) return result;
    const frontier = new MerkleFrontier();
    const rows = this.db
      .prepare('SELECT event_hash FROM ledger_index WHERE ledger_index < ? ORDER BY ledger_index')
      .raw()
      .iterate(wanted[wanted.length - 1]) as IterableIterator<[string]>;
    let next = 0;
    for (const [hash] of rows) {
      frontier.push(Buffer.from(hash, 'hex'));
      while (next < wanted.length && wanted[next] === frontier.size) {
        result.set(wanted[next], { root: frontier.root().toString('hex'), head: hash });
        next += 1;
      }
    }
    return result;
  }
}

/** The tree sizes of the seals that lie inside the ledger index (the others are reported as out of range). */
function sealedSizes(rows: readonly SealRow[], indexSize: number): number[] {
  return rows.map((row) => row.tree_size).filter((size) => Number.isSafeInteger(size) && size >= 1 && size <= indexSize);
}

/**
 * `prefixRoots` computed on a worker thread over its own read-only connection to the seals file, so
 * the Merkle hashing of the whole index runs on another core while this thread walks the event log.
 * Plain JavaScript (the same RFC 9162 frontier as MerkleFrontier), so it needs no TypeScript loader.
 */
const VERIFY_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const Database = require(workerData.sqlite);
const sha = (buffer) => (crypto.hash ? crypto.hash('sha256', buffer, 'buffer') : crypto.createHash('sha256').update(buffer).digest());
const isHex = (value) => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
const seals = new Database(workerData.file, { readonly: true, fileMustExist: true });
const log = workerData.eventsFile ? new Database(workerData.eventsFile, { readonly: true, fileMustExist: true }) : null;
try {
  // Prefix roots: the RFC 9162 frontier over the index rows below the largest sealed size.
  const wanted = workerData.sizes;
  const limit = wanted.length > 0 ? wanted[wanted.length - 1] : 0;
  const nodes = [];
  const counts = [];
  const prefixes = [];
  let pushed = 0;
  let next = 0;
  const node = Buffer.alloc(65);
  node[0] = 1;
  const pushLeaf = (hex) => {
    let hash = sha(Buffer.concat([Buffer.from([0]), Buffer.from(hex, 'hex')]));
    let count = 1;
    while (counts.length > 0 && counts[counts.length - 1] === count) {
      nodes.pop().copy(node, 1);
      hash.copy(node, 33);
      hash = sha(node);
      count += counts.pop();
    }
    nodes.push(hash);
    counts.push(count);
    pushed += 1;
    while (next < wanted.length && wanted[next] === pushed) {
      let root = nodes[nodes.length - 1];
      for (let i = nodes.length - 2; i >= 0; i--) {
        nodes[i].copy(node, 1);
        root.copy(node, 33);
        root = sha(node);
      }
      prefixes.push([pushed, root.toString('hex'), hex]);
      next += 1;
    }
  };
  // The index check (Sealer.verifyIndex, same results): the k-th index row against the k-th event of the log.
  const size = workerData.indexSize;
  let index = log === null || size === 0 ? { checked: 0, ok: true, firstFailure: null } : null;
  let fallback = false;
  let checked = 0;
  const events = log === null ? null : log.prepare('SELECT global_position, event_id, stream_id, stream_revision, hash FROM events ORDER BY global_position').raw().iterate();
  const named = (r) => ({ ledgerIndex: checked, globalPosition: r[1], eventId: r[2], streamId: r[3], streamRevision: r[4] });
  const compare = (r) => {
    if (r[0] !== checked) return { checked, ok: false, firstFailure: { ...named(r), problem: 'index-gap' } };
    const step = events.next();
    if (step.done) return { checked, ok: false, firstFailure: { ...named(r), problem: 'missing-from-log' } };
    const e = step.value;
    if (e[0] !== r[1] || e[1] !== r[2] || e[2] !== r[3] || e[3] !== r[4]) return { checked, ok: false, firstFailure: { ...named(r), problem: 'not-in-log-at-position' } };
    // A log row without a well-formed recorded hash needs the full event hashed: left to the main thread.
    if (!isHex(e[4])) {
      fallback = true;
      return { checked, ok: false, firstFailure: null };
    }
    if (e[4] !== r[5]) return { checked, ok: false, firstFailure: { ...named(r), problem: 'hash-mismatch' } };
    checked += 1;
    return checked >= size ? { checked, ok: true, firstFailure: null } : null;
  };
  const rows = seals.prepare('SELECT ledger_index, global_position, event_id, stream_id, stream_revision, event_hash FROM ledger_index ORDER BY ledger_index').raw().iterate();
  for (const r of rows) {
    const forPrefixes = pushed < limit;
    if (forPrefixes) pushLeaf(r[5]);
    if (index === null) index = compare(r);
    if (!forPrefixes && index !== null) break;
  }
  if (index === null) index = { checked, ok: true, firstFailure: null };
  if (events !== null && typeof events.return === 'function') events.return();
  parentPort.postMessage({ prefixes, index: fallback ? null : index });
} finally {
  seals.close();
  if (log !== null) log.close();
}
`;

interface WorkerVerification {
  readonly prefixes: Map<number, { root: string; head: string }>;
  /** null: a log row needs the main thread (no well-formed recorded hash), or no log was given. */
  readonly index: IndexCheckReport | null;
}

/**
 * On a worker thread, over its own read-only connections: the Merkle prefix roots of the seal chain
 * check (`prefixRoots`) and, given the embedded log's file, the ledger index check (`verifyIndex`), so
 * both run on another core while this thread walks and hashes the log. Plain JavaScript (the same
 * RFC 9162 frontier as MerkleFrontier, the same comparisons as `verifyIndex`), so it needs no TypeScript loader.
 */
function verifyInWorker(file: string, sizes: readonly number[], eventsFile: string | null, indexSize: number): Promise<WorkerVerification> {
  const wanted = [...new Set(sizes)].sort((a, b) => a - b);
  return new Promise((resolve, reject) => {
    const worker = new Worker(VERIFY_WORKER, { eval: true, workerData: { file, sizes: wanted, eventsFile, indexSize, sqlite: require.resolve('better-sqlite3') } });
    worker.once('message', (result: { prefixes: Array<[number, string, string]>; index: IndexCheckReport | null }) =>
      resolve({ prefixes: new Map(result.prefixes.map(([size, root, head]) => [size, { root, head }])), index: eventsFile === null ? null : result.index }),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => (code !== 0 ? reject(new Error(`verification worker exited with ${code}`)) : undefined));
  });
}

/** What the index check reads of a log event: a RecordedEvent, or an embedded store row not parsed yet. */
export type IndexedLogEvent =
  | RecordedEvent
  | { readonly globalPosition: number; readonly eventId: string; readonly streamId: string; readonly streamRevision: number; readonly hash: string; readonly row: () => EventRow };

export function logEventOfRow(head: EventRowHead, row: () => EventRow): IndexedLogEvent {
  return { globalPosition: head.global_position, eventId: head.event_id, streamId: head.stream_id, streamRevision: head.stream_revision, hash: head.hash, row };
}

function signedSealOf(row: SealRow): Seal {
  return {
    treeSize: row.tree_size,
    rootHash: row.root_hash,
    chainHead: row.chain_head,
    previousSealHash: row.previous_seal_hash,
    sealedAt: row.sealed_at,
    keyId: row.key_id,
    signature: row.signature,
  };
}

/** The seven signed members of a served seal (what `verifySeal` and `sealHash` take). */
export function signedSeal(seal: Seal): Seal {
  return {
    treeSize: seal.treeSize,
    rootHash: seal.rootHash,
    chainHead: seal.chainHead,
    previousSealHash: seal.previousSealHash,
    sealedAt: seal.sealedAt,
    keyId: seal.keyId,
    signature: seal.signature,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function logSealingError(error: unknown): void {
  new Logger('Sealer').error(`following the event log failed, retrying: ${messageOf(error)}`);
}
