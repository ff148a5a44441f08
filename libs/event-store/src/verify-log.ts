import { eventHashMatches } from './hashing';
import { EventStore, RecordedEvent } from './port';

export type VerifyProblem = 'content-changed' | 'chain-broken' | 'revision-gap' | 'order';

export interface VerifyFailure {
  readonly globalPosition: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly problem: VerifyProblem;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly firstFailure: VerifyFailure | null;
}

export interface VerifyLogOptions {
  /** Events read per `readAll` page. Default 1000. */
  readonly pageSize?: number;
  /** Called after every page with the events checked so far and the global position reached. */
  readonly onProgress?: (eventsChecked: number, globalPosition: number) => void;
}

/**
 * Walks the whole log in global order, one page at a time (memory: one page plus the last hash and
 * revision of each stream), and names the first event that fails:
 *
 * - `order`: its global position does not strictly increase;
 * - `revision-gap`: its stream revision is not the one after the previous event of its stream
 *   (an event was removed or moved);
 * - `chain-broken`: its `previousHash` is not the hash of the previous event of its stream;
 * - `content-changed`: its hash does not recompute from its content.
 */
export async function verifyLog(store: EventStore, options: VerifyLogOptions = {}): Promise<VerifyResult> {
  const pageSize = Math.max(1, options.pageSize ?? 1000);
  const streams = new Map<string, { revision: number; hash: string }>();
  let eventsChecked = 0;
  let lastPosition: number | undefined;
  for (;;) {
    const page = await store.readAll({ ...(lastPosition !== undefined ? { after: lastPosition } : {}), maxCount: pageSize });
    for (const event of page) {
      const problem = checkEvent(event, lastPosition, streams.get(event.streamId));
      if (problem) {
        return { ok: false, eventsChecked, firstFailure: failure(event, problem) };
      }
      eventsChecked += 1;
      lastPosition = event.globalPosition;
      streams.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
    }
    if (page.length > 0) options.onProgress?.(eventsChecked, lastPosition!);
    if (page.length < pageSize) return { ok: true, eventsChecked, firstFailure: null };
  }
}

function checkEvent(
  event: RecordedEvent,
  lastPosition: number | undefined,
  previous: { revision: number; hash: string } | undefined,
): VerifyProblem | null {
  if (lastPosition !== undefined && !(event.globalPosition > lastPosition)) return 'order';
  const expectedRevision = previous ? previous.revision + 1 : 0;
  if (event.streamRevision !== expectedRevision) return 'revision-gap';
  if (event.previousHash !== (previous ? previous.hash : null)) return 'chain-broken';
  if (!eventHashMatches(event, event.previousHash)) return 'content-changed';
  return null;
}

function failure(event: RecordedEvent, problem: VerifyProblem): VerifyFailure {
  return {
    globalPosition: event.globalPosition,
    eventId: event.eventId,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    problem,
  };
}
