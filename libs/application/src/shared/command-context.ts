import { Principal } from '@ikrar/access';
import { Actor } from '@ikrar/event-store';

/** Everything about a command that is not its payload: who, why, and under which guarantees. */
export interface CommandContext {
  /** The verified caller: what it may see and do. */
  readonly principal: Principal;
  /** The caller as every event records it (from the verified token, never from the body). */
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Client-chosen key; a retry with the same key and request appends nothing. */
  readonly idempotencyKey: string | null;
  /** SHA-256 of the request (method, path, body): tells a retry from a reuse of the key. */
  readonly requestHash: string | null;
  /** From `If-Match`: the revision the client last saw; a stale one is refused. */
  readonly expectedRevision: number | null;
  /** Server time of the request; business dates default to its calendar day. */
  readonly receivedAt: Date;
}

/** The calendar day of an instant, in the forum's time zone (WIB, UTC+7, by default). */
export function calendarDay(at: Date, utcOffsetMinutes = 7 * 60): string {
  return new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}
