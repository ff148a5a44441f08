import { createServer } from 'node:net';
import {
  EventStoreDbEventStore,
  EventStoreUnavailableError,
  EventSubscription,
  eventHashMatches,
  RecordedEvent,
  WrongExpectedRevisionError,
} from '@ikrar/event-store';
import { EsdbTestServer, startEsdbTestServer, toEsdbPosition } from '../support/esdb-test-server';
import { InMemoryEventStore } from '../support/in-memory-event-store';
import { anEvent, newStreamId } from './event-store.contract';

/**
 * Adapter-specific behaviour, against the in-process gRPC test server (the real
 * client over real gRPC). The test server records what reached the wire and
 * interleaves EventStoreDB-style system events in $all.
 */
jest.setTimeout(60_000);

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved');
}

async function take(subscription: EventSubscription, count: number): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  if (count === 0) return seen;
  for await (const event of subscription) {
    seen.push(event);
    if (seen.length >= count) break;
  }
  return seen;
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each([
  ['Append', false],
  ['BatchAppend', true],
])('EventStoreDB adapter over %s', (_rpc, batchAppend) => {
  let backing: InMemoryEventStore;
  let server: EsdbTestServer;
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    backing = new InMemoryEventStore();
    server = await startEsdbTestServer({ backing, batchAppend });
    store = EventStoreDbEventStore.connect(server.url);
  });

  afterEach(async () => {
    await store.close();
    await server.stop();
    await backing.close();
  });

  describe('expected revisions', () => {
    // `any` and `stream_exists` are pinned to the revision whose hash the new events chain on, so a
    // concurrent append in between fails (and is tried again) instead of forking the hash chain.
    it('always sends an explicit expected revision: the one asked for, or the revision the hash chain was read at', async () => {
      const stream = newStreamId();
      const first = anEvent();
      await store.append(stream, [first], 'no_stream');
      expect(server.lastAppend()).toEqual({
        rpc: batchAppend ? 'BatchAppend' : 'Append',
        streamId: stream,
        expected: { kind: 'no_stream' },
        eventIds: [first.eventId],
      });

      await store.append(stream, [anEvent()], 0);
      expect(server.lastAppend()?.expected).toEqual({ kind: 'revision', revision: '0' });

      await store.append(stream, [anEvent()], 'stream_exists');
      expect(server.lastAppend()?.expected).toEqual({ kind: 'revision', revision: '1' });

      await store.append(stream, [anEvent(), anEvent()], 2);
      expect(server.lastAppend()?.expected).toEqual({ kind: 'revision', revision: '2' });

      await store.append(stream, [anEvent()], 'any');
      expect(server.lastAppend()?.expected).toEqual({ kind: 'revision', revision: '4' });

      await store.append(newStreamId(), [anEvent()], 'any');
      expect(server.lastAppend()?.expected).toEqual({ kind: 'no_stream' });

      expect(server.appends.map((append) => append.expected.kind)).toEqual([
        'no_stream',
        'revision',
        'revision',
        'revision',
        'revision',
        'no_stream',
      ]);
    });

    it('maps a wrong expected version to WrongExpectedRevisionError carrying the actual revision', async () => {
      const stream = newStreamId();
      await store.append(stream, [anEvent(), anEvent(), anEvent()], 'no_stream');

      const stale = await rejectionOf(store.append(stream, [anEvent()], 1));
      expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
      expect(stale).toMatchObject({ streamId: stream, expected: 1, actual: 2 });

      const exists = await rejectionOf(store.append(stream, [anEvent()], 'no_stream'));
      expect(exists).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 2 });

      const missing = newStreamId();
      const absent = await rejectionOf(store.append(missing, [anEvent()], 'stream_exists'));
      expect(absent).toBeInstanceOf(WrongExpectedRevisionError);
      expect(absent).toMatchObject({ streamId: missing, expected: 'stream_exists', actual: 'no_stream' });
    });
  });

  describe('positions and envelope', () => {
    it("uses the server's sparse commit positions as global positions", async () => {
      const stream = newStreamId();
      const result = await store.append(stream, [anEvent(), anEvent()], 'no_stream');

      const fromBacking = await backing.readStream(stream);
      const read = await store.readStream(stream);
      expect(read.map((e) => e.globalPosition)).toEqual(fromBacking.map((e) => toEsdbPosition(e.globalPosition)));
      expect(result.position).toBe(toEsdbPosition(fromBacking[1].globalPosition));
      expect(read[1].globalPosition - read[0].globalPosition).toBeGreaterThan(1);
    });

    it('treats after as exclusive and before as exclusive, at exact positions', async () => {
      const stream = newStreamId();
      await store.append(stream, [anEvent(), anEvent(), anEvent()], 'no_stream');
      const [e0, e1, e2] = await store.readStream(stream);

      expect((await store.readAll({ after: e0.globalPosition })).map((e) => e.eventId)).toEqual([e1.eventId, e2.eventId]);
      expect((await store.readAll({ after: e0.globalPosition - 1 })).map((e) => e.eventId)).toEqual([
        e0.eventId,
        e1.eventId,
        e2.eventId,
      ]);
      expect((await store.readAll({ direction: 'backwards', before: e2.globalPosition })).map((e) => e.eventId)).toEqual([
        e1.eventId,
        e0.eventId,
      ]);
      expect(
        (await store.readAll({ direction: 'backwards', before: e2.globalPosition + 1 })).map((e) => e.eventId),
      ).toEqual([e2.eventId, e1.eventId, e0.eventId]);
      expect((await store.readAll({ after: e0.globalPosition, before: e2.globalPosition })).map((e) => e.eventId)).toEqual([
        e1.eventId,
      ]);
      expect(await take(store.subscribeToAll({ after: e1.globalPosition }), 1)).toMatchObject([{ eventId: e2.eventId }]);
    });

    it("stores ESDB's $correlationId / $causationId beside our metadata and reports server time", async () => {
      const stream = newStreamId();
      const caused = anEvent({ metadata: { correlationId: 'corr-1', causationId: 'cause-1' } });
      const uncaused = anEvent({ metadata: { correlationId: 'corr-2', causationId: null } });
      await store.append(stream, [caused, uncaused], 'no_stream');

      const raw = await backing.readStream(stream);
      expect(raw[0].metadata).toMatchObject({ correlationId: 'corr-1', $correlationId: 'corr-1', $causationId: 'cause-1' });
      expect(raw[1].metadata).toMatchObject({ correlationId: 'corr-2', $correlationId: 'corr-2', causationId: null });
      expect(raw[1].metadata).not.toHaveProperty('$causationId');

      const read = await store.readStream(stream);
      expect(read[0].metadata).toEqual(caused.metadata);
      expect(read[1].metadata).toEqual(uncaused.metadata);
      expect(read.map((e) => e.recordedAt)).toEqual(raw.map((e) => e.recordedAt));
      expect(read[0].metadata.occurredAt).not.toBe(read[0].recordedAt);
    });

    it('stores hash and previousHash in the event metadata and maps them back, outside our metadata', async () => {
      const stream = newStreamId();
      await store.append(stream, [anEvent(), anEvent()], 'no_stream');
      await store.append(stream, [anEvent()], 1);

      const raw = await backing.readStream(stream);
      const read = await store.readStream(stream);
      read.forEach((event, index) => {
        expect(raw[index].metadata).toMatchObject({ hash: event.hash, previousHash: event.previousHash });
        expect(event.metadata).not.toHaveProperty('hash');
        expect(event.metadata).not.toHaveProperty('previousHash');
        expect(eventHashMatches(event, event.previousHash)).toBe(true);
      });
      expect(read.map((e) => e.previousHash)).toEqual([null, read[0].hash, read[1].hash]);
    });
  });

  describe('system events', () => {
    it('never returns system events from readAll, and counts only domain events against maxCount', async () => {
      const streams = [newStreamId('a'), newStreamId('b')];
      for (const stream of streams) await store.append(stream, [anEvent(), anEvent()], 'no_stream');
      const domain = (await backing.readAll()).map((e) => e.eventId);

      const all = await store.readAll();
      expect(all.map((e) => e.eventId)).toEqual(domain);
      expect(all.every((e) => !e.streamId.startsWith('$') && !e.type.startsWith('$'))).toBe(true);

      expect((await store.readAll({ maxCount: 1 })).map((e) => e.eventId)).toEqual([domain[0]]);
      expect((await store.readAll({ maxCount: 3 })).map((e) => e.eventId)).toEqual(domain.slice(0, 3));
      expect((await store.readAll({ direction: 'backwards', maxCount: 1 })).map((e) => e.eventId)).toEqual([domain[3]]);
      expect((await store.readAll({ direction: 'backwards' })).map((e) => e.eventId)).toEqual([...domain].reverse());
    });

    it('never delivers system events to a subscription', async () => {
      const stream = newStreamId();
      await store.append(stream, [anEvent(), anEvent()], 'no_stream');
      const subscription = store.subscribeToAll();
      const pending = take(subscription, 3);
      await store.append(stream, [anEvent()], 1);

      const seen = await pending;
      expect(seen.map((e) => e.streamRevision)).toEqual([0, 1, 2]);
      expect(seen.every((e) => e.streamId === stream)).toBe(true);
    });

    it('pages through $all when system events fill the pages', async () => {
      const paged = EventStoreDbEventStore.connect(server.url, { readAllPageSize: 3 });
      try {
        const stream = newStreamId();
        const events = Array.from({ length: 12 }, () => anEvent());
        await paged.append(stream, events, 'no_stream');
        const ids = events.map((e) => e.eventId);

        expect((await paged.readAll()).map((e) => e.eventId)).toEqual(ids);
        expect((await paged.readAll({ direction: 'backwards' })).map((e) => e.eventId)).toEqual([...ids].reverse());
        const [, , third] = await paged.readStream(stream);
        expect((await paged.readAll({ after: third.globalPosition, maxCount: 5 })).map((e) => e.eventId)).toEqual(
          ids.slice(3, 8),
        );
        expect(
          (await paged.readAll({ direction: 'backwards', before: third.globalPosition, maxCount: 5 })).map((e) => e.eventId),
        ).toEqual([ids[1], ids[0]]);
      } finally {
        await paged.close();
      }
    });
  });

  describe('programming errors', () => {
    it('rejects reserved $-names before anything is sent', async () => {
      await expect(store.append('$system-stream', [anEvent()], 'any')).rejects.toThrow(/reserved/);
      await expect(store.append(newStreamId(), [anEvent({ type: '$metadata' })], 'any')).rejects.toThrow(/reserved/);
      expect(server.appends).toEqual([]);
    });

    it('refuses calls after close()', async () => {
      await store.close();
      await expect(store.readAll()).rejects.toThrow(EventStoreUnavailableError);
    });
  });
});

async function withServer(
  options: Omit<Parameters<typeof startEsdbTestServer>[0], 'backing'>,
  run: (store: EventStoreDbEventStore, backing: InMemoryEventStore, server: EsdbTestServer) => Promise<void>,
): Promise<void> {
  const backing = new InMemoryEventStore({ firstPosition: 7, positionStep: 3 });
  const server = await startEsdbTestServer({ backing, ...options });
  const store = EventStoreDbEventStore.connect(server.url);
  try {
    await run(store, backing, server);
  } finally {
    await store.close();
    await server.stop();
    await backing.close();
  }
}

describe('EventStoreDB adapter with positions a server leaves out', () => {
  it.each([
    ['Append', false],
    ['BatchAppend', true],
  ])('looks the position up when an append over %s is acknowledged without one', async (_rpc, batchAppend) => {
    await withServer({ batchAppend, omitAppendPosition: true }, async (store, backing) => {
      const stream = newStreamId();
      const first = await store.append(stream, [anEvent(), anEvent()], 'no_stream');
      const second = await store.append(stream, [anEvent()], first.nextExpectedRevision);

      const stored = await backing.readStream(stream);
      expect(first).toEqual({ nextExpectedRevision: 1, position: toEsdbPosition(stored[1].globalPosition) });
      expect(second).toEqual({ nextExpectedRevision: 2, position: toEsdbPosition(stored[2].globalPosition) });
    });
  });

  it('refuses stream reads without $all positions (servers before 22.6) with a clear error', async () => {
    await withServer({ streamReadPositions: false }, async (store) => {
      const stream = newStreamId();
      await store.append(stream, [anEvent()], 'no_stream');

      await expect(store.readStream(stream)).rejects.toThrow(/22\.6/);
      expect(await store.readAll()).toHaveLength(1);
    });
  });
});

describe('EventStoreDB adapter when the server cannot be reached', () => {
  let store: EventStoreDbEventStore;

  beforeEach(async () => {
    store = EventStoreDbEventStore.connect(`esdb://127.0.0.1:${await closedPort()}?tls=false`);
  });

  afterEach(async () => {
    await store.close();
  });

  it('maps connection refused to EventStoreUnavailableError on append', async () => {
    const error = await rejectionOf(store.append(newStreamId(), [anEvent()], 'no_stream'));
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as EventStoreUnavailableError).cause).toBeDefined();
  });

  it('maps connection refused to EventStoreUnavailableError on reads', async () => {
    expect(await rejectionOf(store.readStream(newStreamId()))).toBeInstanceOf(EventStoreUnavailableError);
    expect(await rejectionOf(store.readAll({ maxCount: 1 }))).toBeInstanceOf(EventStoreUnavailableError);
  });

  it('ends a subscription with EventStoreUnavailableError', async () => {
    expect(await rejectionOf(take(store.subscribeToAll(), 1))).toBeInstanceOf(EventStoreUnavailableError);
  });
});

describe('EventStoreDB adapter when the server goes away', () => {
  it('fails an open subscription with EventStoreUnavailableError', async () => {
    const backing = new InMemoryEventStore();
    const server = await startEsdbTestServer({ backing });
    const store = EventStoreDbEventStore.connect(server.url);
    try {
      const stream = newStreamId();
      await store.append(stream, [anEvent()], 'no_stream');
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value).toMatchObject({ streamId: stream });

      const pending = iterator.next();
      await server.stop();

      expect(await rejectionOf(pending)).toBeInstanceOf(EventStoreUnavailableError);
      expect(await rejectionOf(store.readAll())).toBeInstanceOf(EventStoreUnavailableError);
    } finally {
      await store.close();
      await server.stop();
      await backing.close();
    }
  });
});
