import { EventStore, RecordedEvent } from '@ikrar/event-store';

export const LOG_PAGE_SIZE = 500;

export interface LogPagesOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Exclusive: forwards, start after this global position; backwards, start before it. */
  readonly from?: number | null;
  readonly pageSize?: number;
}

/**
 * The global log, one page at a time: only one page is ever held in memory, so a reader of
 * any size of ledger (export, audit trail, stream discovery) runs in constant memory.
 */
export async function* logPages(store: EventStore, options: LogPagesOptions = {}): AsyncGenerator<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const pageSize = options.pageSize ?? LOG_PAGE_SIZE;
  let position = options.from ?? undefined;
  for (;;) {
    const page = await store.readAll(
      backwards ? { direction: 'backwards', before: position, maxCount: pageSize } : { direction: 'forwards', after: position, maxCount: pageSize },
    );
    if (page.length === 0) return;
    yield page;
    // A short page is not taken as the end (an adapter may skip system events): only an empty one is.
    position = page[page.length - 1].globalPosition;
  }
}

/** The id of every stream whose first event has one of `types`, in log order (e.g. every commitment, by its pledge). */
export async function* streamsStartedBy(store: EventStore, types: readonly string[]): AsyncGenerator<string[]> {
  for await (const page of logPages(store)) {
    const ids = page.filter((event) => event.streamRevision === 0 && types.includes(event.type)).map((event) => event.streamId);
    if (ids.length > 0) yield ids;
  }
}
