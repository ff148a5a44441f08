/**
 * The event store port. Every adapter (embedded SQLite, EventStoreDB) passes
 * the same contract suite in `test/event-store`, so callers cannot tell them apart.
 */

export const ACTOR_ROLES = ['secretariat', 'partner', 'auditor', 'admin', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/** Who caused a fact: the subject, role, partner and display name of the verified token (or `system`). */
export interface Actor {
  readonly userId: string;
  readonly role: ActorRole;
  readonly partnerId?: string;
  readonly name?: string;
}

/** The why and who of a fact; stored beside the payload, never inside it. */
export interface EventMetadata {
  /** Business time: when the fact happened in the world (ISO 8601). */
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly idempotencyKey: string | null;
  /** SHA-256 of the request that caused this event, so an idempotent retry can be told from a reuse of the key. */
  readonly requestHash?: string | null;
}

export interface EventToAppend {
  /** UUID; deterministic for idempotent commands so a retry produces the same id. */
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends EventToAppend {
  readonly streamId: string;
  /** 0-based position of the event within its stream. */
  readonly streamRevision: number;
  /** Position in the store's global log: strictly increasing, not necessarily dense. */
  readonly globalPosition: number;
  /** Server time at which the store recorded the event (ISO 8601). */
  readonly recordedAt: string;
  /**
   * SHA-256 (lowercase hex) of `hashableEnvelope(event)` chained to `previousHash`, computed with
   * `eventHash` of `@ikrar/ledger-proof`. globalPosition and recordedAt are not covered.
   */
  readonly hash: string;
  /** The hash of the previous event of the same stream; null for revision 0. */
  readonly previousHash: string | null;
}

/**
 * `no_stream`: the stream must not exist; `stream_exists`: it must;
 * `any`: no check (used only where the caller has its own guarantee);
 * a number: the revision of the stream's last event.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendResult {
  /** Revision of the last appended event; pass it as the next expected revision. */
  readonly nextExpectedRevision: number;
  /** Global position of the last appended event. */
  readonly position: number;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  readonly direction?: 'forwards' | 'backwards';
  /**
   * Forwards: only events with a global position greater than this (a checkpoint).
   * Backwards: only events with a global position less than this.
   * Omitted: from the start (forwards) or the end (backwards).
   */
  readonly after?: number;
  readonly before?: number;
  readonly maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Deliver events with a global position greater than this; omitted: from the start. */
  readonly after?: number;
}

/** Catch-up then live: iterate it; `close()` ends the iteration. */
export interface EventSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /** Atomic: either every event is stored, in order, or none is. */
  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;
  /** An empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription;
  close(): Promise<void>;
}
