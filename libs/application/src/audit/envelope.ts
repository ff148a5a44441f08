import { Actor, RecordedEvent } from '@ikrar/event-store';

/**
 * One recorded event as an auditor sees it: the payload exactly as stored (personal data stays
 * sealed) with every piece of metadata that says who, when and why.
 */
export interface AuditEventEnvelope {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly globalPosition: number;
  /** Business time: when the fact happened in the world. */
  readonly occurredAt: string;
  /** When the ledger recorded it. */
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly idempotencyKey: string | null;
  readonly data: Record<string, unknown>;
  /** The event's hash (SHA-256, lowercase hex), chained to `previousHash`: the leaf of the ledger's Merkle tree. */
  readonly hash: string;
  /** The hash of the previous event of the same stream; null for revision 0. */
  readonly previousHash: string | null;
}

export function toAuditEnvelope(event: RecordedEvent): AuditEventEnvelope {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    globalPosition: event.globalPosition,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId ?? null,
    idempotencyKey: event.metadata.idempotencyKey ?? null,
    data: event.data,
    hash: event.hash,
    previousHash: event.previousHash,
  };
}
