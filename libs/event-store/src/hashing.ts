import { eventHash, verifyEventHash } from '@ikrar/ledger-proof';
import { EventMetadata } from './port';

/** What an event's hash covers: everything known before the store assigns anything. */
export interface HashableEnvelope {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
  [member: string]: unknown;
}

/**
 * The one list of hashed fields, used by both adapters and the verifier:
 * `{eventId, type, schemaVersion, streamId, streamRevision, data, metadata}` (plus `previousHash`,
 * added by `eventHash`). globalPosition and recordedAt are assigned by the store and are not hashed.
 */
export function hashableEnvelope(event: {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
}): HashableEnvelope {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    data: event.data,
    metadata: event.metadata,
  };
}

/** The hash of an event given the hash of the previous event of its stream (null for revision 0). */
export function computeEventHash(event: Parameters<typeof hashableEnvelope>[0], previousHash: string | null): string {
  return eventHash(hashableEnvelope(event), previousHash);
}

/** True when the stored hash recomputes from the event's content and the given previous hash. */
export function eventHashMatches(
  event: Parameters<typeof hashableEnvelope>[0] & { readonly hash: string },
  previousHash: string | null,
): boolean {
  return verifyEventHash({ ...hashableEnvelope(event), hash: event.hash }, previousHash);
}
