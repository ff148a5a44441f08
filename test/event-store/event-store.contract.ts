import { randomUUID } from 'node:crypto';
import {
  EventMetadata,
  EventStore,
  EventSubscription,
  EventToAppend,
  RecordedEvent,
  WrongExpectedRevisionError,
  hashableEnvelope,
} from '@ikrar/event-store';
import { verifyEventHash } from '@ikrar/ledger-proof';

/**
 * The behaviour every EventStore adapter must show. It assumes nothing an
 * adapter may legitimately differ in: global positions are only required to
 * strictly increase (EventStoreDB's are large and sparse), and every test uses
 * fresh random stream ids and filters the global log to its own streams, so the
 * suite can run against a shared server that holds other events.
 */
export function describeEventStoreContract(
  adapterName: string,
  factory: () => Promise<{ store: EventStore; teardown: () => Promise<void> }>,
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore;
    let teardown: () => Promise<void>;

    beforeEach(async () => {
      ({ store, teardown } = await factory());
    });

    afterEach(async () => {
      await teardown();
    });

    describe('append and expected revision', () => {
      it('appends to a new stream with no_stream', async () => {
        const stream = newStreamId();
        const event = anEvent();

        const result = await store.append(stream, [event], 'no_stream');

        expect(result.nextExpectedRevision).toBe(0);
        const read = await store.readStream(stream);
        expect(read).toHaveLength(1);
        expect(read[0]).toMatchObject({ streamId: stream, streamRevision: 0, eventId: event.eventId });
        expect(result.position).toBe(read[0].globalPosition);
      });

      it('rejects a second no_stream append and stores nothing', async () => {
        const stream = newStreamId();
        await store.append(stream, [anEvent()], 'no_stream');

        const error = await rejectionOf(store.append(stream, [anEvent(), anEvent()], 'no_stream'));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 0 });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('appends at the exact expected revision', async () => {
        const stream = newStreamId();
        const first = await store.append(stream, [anEvent()], 'no_stream');

        const second = await store.append(stream, [anEvent(), anEvent()], first.nextExpectedRevision);
        const third = await store.append(stream, [anEvent()], second.nextExpectedRevision);

        expect(second.nextExpectedRevision).toBe(2);
        expect(third.nextExpectedRevision).toBe(3);
        expect(third.position).toBeGreaterThan(second.position);
        expect(second.position).toBeGreaterThan(first.position);
        expect((await store.readStream(stream)).map((e) => e.streamRevision)).toEqual([0, 1, 2, 3]);
      });

      it('rejects a stale expected revision, reports the actual one and stores nothing', async () => {
        const stream = newStreamId();
        await store.append(stream, [anEvent(), anEvent(), anEvent()], 'no_stream');

        const error = await rejectionOf(store.append(stream, [anEvent(), anEvent()], 0));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected: 0, actual: 2 });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('rejects a numeric expected revision on a missing stream, reporting no_stream', async () => {
        const stream = newStreamId();

        const error = await rejectionOf(store.append(stream, [anEvent()], 0));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected: 0, actual: 'no_stream' });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('stream_exists requires the stream to exist', async () => {
        const stream = newStreamId();

        const error = await rejectionOf(store.append(stream, [anEvent()], 'stream_exists'));
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected: 'stream_exists', actual: 'no_stream' });
        expect(await store.readStream(stream)).toEqual([]);

        await store.append(stream, [anEvent()], 'no_stream');
        const result = await store.append(stream, [anEvent()], 'stream_exists');
        expect(result.nextExpectedRevision).toBe(1);
      });

      it('any appends whether or not the stream exists', async () => {
        const stream = newStreamId();

        const created = await store.append(stream, [anEvent()], 'any');
        const appended = await store.append(stream, [anEvent(), anEvent()], 'any');

        expect(created.nextExpectedRevision).toBe(0);
        expect(appended.nextExpectedRevision).toBe(2);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('appends several events atomically, in order, with strictly increasing positions', async () => {
        const stream = newStreamId();
        const events = [anEvent({ type: 'First' }), anEvent({ type: 'Second' }), anEvent({ type: 'Third' })];

        const result = await store.append(stream, events, 'no_stream');

        const read = await store.readStream(stream);
        expect(read.map((e) => [e.eventId, e.type, e.streamRevision])).toEqual([
          [events[0].eventId, 'First', 0],
          [events[1].eventId, 'Second', 1],
          [events[2].eventId, 'Third', 2],
        ]);
        expectStrictlyIncreasing(read.map((e) => e.globalPosition));
        expect(result).toEqual({ nextExpectedRevision: 2, position: read[2].globalPosition });
      });

      it('rejects an empty event list as a programming error', async () => {
        const stream = newStreamId();

        const error = await rejectionOf(store.append(stream, [], 'any'));

        expect(error).toBeInstanceOf(Error);
        expect(error).not.toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('envelope', () => {
      it('round-trips every field of the envelope', async () => {
        const stream = newStreamId();
        const rich = anEvent({
          type: 'CommitmentPledged',
          schemaVersion: 3,
          data: {
            text: 'Ikrar — komitmen kemitraan 合作 🤝 "quoted" \\ back\nslash',
            amount: Number.MAX_SAFE_INTEGER,
            negative: -Number.MAX_SAFE_INTEGER,
            fraction: 0.1 + 0.2,
            zero: 0,
            flag: false,
            nothing: null,
            nested: {
              list: [1, 'two', { three: [3, { four: 4 }] }, null, true],
              empty: {},
              emptyList: [],
              deeper: { partner: { id: 'p-1', tags: ['ngo', 'ümlaut'] } },
            },
          },
          metadata: {
            occurredAt: '2024-02-29T10:15:30.123Z',
            actor: { userId: 'user-42', role: 'partner', partnerId: 'partner-7' },
            correlationId: randomUUID(),
            causationId: randomUUID(),
            idempotencyKey: `key-${randomUUID()}`,
            requestHash: 'a'.repeat(64),
          },
        });
        const plain = anEvent({
          type: 'PartnerRegistered',
          schemaVersion: 1,
          data: {},
          metadata: {
            occurredAt: '2023-12-31T23:59:59.999Z',
            actor: { userId: 'system', role: 'system' },
            correlationId: randomUUID(),
            causationId: null,
            idempotencyKey: null,
            requestHash: null,
          },
        });

        await store.append(stream, [rich, plain], 'no_stream');

        const read = await store.readStream(stream);
        expect(read).toHaveLength(2);
        [rich, plain].forEach((sent, index) => {
          const { streamId, streamRevision, globalPosition, recordedAt, hash, previousHash, ...envelope } = read[index];
          expect(envelope).toEqual(sent);
          expect(streamId).toBe(stream);
          expect(streamRevision).toBe(index);
          expect(typeof globalPosition).toBe('number');
          expectIsoTime(recordedAt);
          expect(hash).toMatch(/^[0-9a-f]{64}$/);
          expect(previousHash).toBe(index === 0 ? null : read[0].hash);
        });
        expect(read[0].data.amount).toBe(Number.MAX_SAFE_INTEGER);
        expect(typeof read[0].data.amount).toBe('number');
      });

      it('returns the same envelope from readStream, readAll and a subscription', async () => {
        const stream = newStreamId();
        const event = anEvent({ data: { value: 1, nested: { list: ['a'] } } });
        const checkpoint = (await store.append(newStreamId('before'), [anEvent()], 'no_stream')).position;
        await store.append(stream, [event], 'no_stream');

        const [fromStream] = await store.readStream(stream);
        const fromAll = (await store.readAll({ after: checkpoint, maxCount: 50 })).filter((e) => e.streamId === stream);
        const subscription = store.subscribeToAll({ after: checkpoint });
        const fromSubscription = await collect(subscription, [stream], 1);

        expect(fromAll).toEqual([fromStream]);
        expect(fromSubscription).toEqual([fromStream]);
      });
    });

    describe('hash chain', () => {
      const recomputes = (event: RecordedEvent) =>
        verifyEventHash({ ...hashableEnvelope(event), hash: event.hash }, event.previousHash);

      it('gives every event a SHA-256 hash chained to the previous event of its stream', async () => {
        const stream = newStreamId();
        await store.append(stream, [anEvent({ data: { n: 0 } })], 'no_stream');
        await store.append(stream, [anEvent({ data: { n: 1 } })], 0);
        await store.append(stream, [anEvent({ data: { n: 2 } })], 'any');
        await store.append(stream, [anEvent({ data: { n: 3 } })], 'stream_exists');

        const read = await store.readStream(stream);
        expect(read).toHaveLength(4);
        read.forEach((event, index) => {
          expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(event.previousHash).toBe(index === 0 ? null : read[index - 1].hash);
          expect(recomputes(event)).toBe(true);
        });
        expect(new Set(read.map((e) => e.hash)).size).toBe(4);
      });

      it('chains the events of one multi-event append inside the batch', async () => {
        const stream = newStreamId();
        await store.append(stream, [anEvent()], 'no_stream');
        await store.append(stream, [anEvent({ data: { n: 1 } }), anEvent({ data: { n: 2 } }), anEvent({ data: { n: 3 } })], 0);

        const read = await store.readStream(stream);
        expect(read.map((e) => e.previousHash)).toEqual([null, read[0].hash, read[1].hash, read[2].hash]);
        read.forEach((event) => expect(recomputes(event)).toBe(true));
      });

      it('chains concurrent appends to one stream on each other', async () => {
        const stream = newStreamId();
        await store.append(stream, [anEvent()], 'no_stream');
        await Promise.all([0, 1, 2, 3].map((n) => store.append(stream, [anEvent({ data: { n } })], 'any')));

        const read = await store.readStream(stream);
        expect(read).toHaveLength(5);
        read.forEach((event, index) => {
          expect(event.previousHash).toBe(index === 0 ? null : read[index - 1].hash);
          expect(recomputes(event)).toBe(true);
        });
      });

      it('is not affected by other streams, and the same hash comes back from every read', async () => {
        const [a, b] = [newStreamId(), newStreamId()];
        const first = anEvent({ data: { same: true } });
        await store.append(a, [first], 'no_stream');
        await store.append(b, [anEvent()], 'no_stream');
        await store.append(b, [anEvent()], 0);
        await store.append(a, [anEvent()], 0);

        const [readA, readB] = [await store.readStream(a), await store.readStream(b)];
        expect(readA[1].previousHash).toBe(readA[0].hash);
        expect(readB[0].previousHash).toBeNull();
        expect(readB[1].previousHash).toBe(readB[0].hash);
        [...readA, ...readB].forEach((event) => expect(recomputes(event)).toBe(true));
        const fromAll = (await store.readAll({ after: readA[0].globalPosition - 1, maxCount: 50 })).filter(
          (e) => e.streamId === a || e.streamId === b,
        );
        expect(fromAll.map((e) => e.hash).sort()).toEqual([...readA, ...readB].map((e) => e.hash).sort());
      });

      it('detects a changed payload or previous hash', async () => {
        const stream = newStreamId();
        await store.append(stream, [anEvent({ data: { amount: 100 } }), anEvent()], 'no_stream');
        const [e0, e1] = await store.readStream(stream);

        expect(recomputes({ ...e0, data: { amount: 101 } })).toBe(false);
        expect(verifyEventHash({ ...hashableEnvelope(e1), hash: e1.hash }, null)).toBe(false);
      });
    });

    describe('readStream', () => {
      let stream: string;
      let ids: string[];

      beforeEach(async () => {
        stream = newStreamId();
        const events = [0, 1, 2, 3, 4].map((n) => anEvent({ data: { n } }));
        ids = events.map((e) => e.eventId);
        await store.append(stream, events, 'no_stream');
      });

      const revisions = (events: RecordedEvent[]) => events.map((e) => e.streamRevision);

      it('reads forwards from the start by default', async () => {
        const read = await store.readStream(stream);
        expect(revisions(read)).toEqual([0, 1, 2, 3, 4]);
        expect(read.map((e) => e.eventId)).toEqual(ids);
        expect(read.map((e) => e.data.n)).toEqual([0, 1, 2, 3, 4]);
      });

      it('reads backwards from the end', async () => {
        const read = await store.readStream(stream, { direction: 'backwards' });
        expect(revisions(read)).toEqual([4, 3, 2, 1, 0]);
        expect(read.map((e) => e.eventId)).toEqual([...ids].reverse());
      });

      it('reads from an inclusive revision in either direction', async () => {
        expect(revisions(await store.readStream(stream, { fromRevision: 2 }))).toEqual([2, 3, 4]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 2 }))).toEqual([2, 1, 0]);
        expect(revisions(await store.readStream(stream, { fromRevision: 4 }))).toEqual([4]);
        expect(await store.readStream(stream, { fromRevision: 5 })).toEqual([]);
      });

      it('limits the count in either direction', async () => {
        expect(revisions(await store.readStream(stream, { maxCount: 2 }))).toEqual([0, 1]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual([4, 3]);
        expect(revisions(await store.readStream(stream, { fromRevision: 1, maxCount: 2 }))).toEqual([1, 2]);
        expect(revisions(await store.readStream(stream, { direction: 'backwards', fromRevision: 3, maxCount: 2 }))).toEqual([3, 2]);
        expect(revisions(await store.readStream(stream, { maxCount: 50 }))).toEqual([0, 1, 2, 3, 4]);
      });

      it('returns an empty array for a stream that does not exist', async () => {
        const missing = newStreamId();
        expect(await store.readStream(missing)).toEqual([]);
        expect(await store.readStream(missing, { direction: 'backwards' })).toEqual([]);
        expect(await store.readStream(missing, { fromRevision: 3, maxCount: 2 })).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads only events after a checkpoint, in global order', async () => {
        const a = newStreamId('a');
        const b = newStreamId('b');
        const [a0, a1, a2, b0, b1] = [anEvent(), anEvent(), anEvent(), anEvent(), anEvent()];
        const checkpoint = (await store.append(a, [a0, a1], 'no_stream')).position;
        await store.append(b, [b0], 'no_stream');
        await store.append(a, [a2], 1);
        await store.append(b, [b1], 0);

        const read = await store.readAll({ after: checkpoint });
        const ours = read.filter((e) => e.streamId === a || e.streamId === b);

        expect(ours.map((e) => e.eventId)).toEqual([b0.eventId, a2.eventId, b1.eventId]);
        expect(ours.map((e) => [e.streamId, e.streamRevision])).toEqual([
          [b, 0],
          [a, 2],
          [b, 1],
        ]);
        read.forEach((e) => expect(e.globalPosition).toBeGreaterThan(checkpoint));
        expectStrictlyIncreasing(read.map((e) => e.globalPosition));
      });

      it('reads from the start when no checkpoint is given', async () => {
        const stream = newStreamId();
        const events = [anEvent(), anEvent()];
        await store.append(stream, events, 'no_stream');

        const firstEver = await store.readAll({ maxCount: 1 });
        expect(firstEver).toHaveLength(1);
        const [mine] = await store.readStream(stream);
        expect(firstEver[0].globalPosition).toBeLessThanOrEqual(mine.globalPosition);
      });

      it('limits the count after a checkpoint', async () => {
        const stream = newStreamId();
        const checkpoint = (await store.append(stream, [anEvent()], 'no_stream')).position;
        await store.append(stream, [anEvent(), anEvent(), anEvent()], 0);

        const read = await store.readAll({ after: checkpoint, maxCount: 2 });

        expect(read).toHaveLength(2);
        read.forEach((e) => expect(e.globalPosition).toBeGreaterThan(checkpoint));
        expectStrictlyIncreasing(read.map((e) => e.globalPosition));
      });

      it('reads backwards, optionally before a position', async () => {
        const a = newStreamId('a');
        const b = newStreamId('b');
        const [a0, a1, b0, a2] = [anEvent(), anEvent(), anEvent(), anEvent()];
        await store.append(a, [a0, a1], 'no_stream');
        await store.append(b, [b0], 'no_stream');
        await store.append(a, [a2], 1);
        const ours = (events: RecordedEvent[]) =>
          events.filter((e) => e.streamId === a || e.streamId === b).map((e) => e.eventId);

        const latest = await store.readAll({ direction: 'backwards', maxCount: 500 });
        expect(ours(latest)).toEqual([a2.eventId, b0.eventId, a1.eventId, a0.eventId]);
        expectStrictlyDecreasing(latest.map((e) => e.globalPosition));

        const [b0Recorded] = await store.readStream(b);
        const earlier = await store.readAll({ direction: 'backwards', before: b0Recorded.globalPosition, maxCount: 500 });
        expect(ours(earlier)).toEqual([a1.eventId, a0.eventId]);
        earlier.forEach((e) => expect(e.globalPosition).toBeLessThan(b0Recorded.globalPosition));
        expectStrictlyDecreasing(earlier.map((e) => e.globalPosition));

        const one = await store.readAll({ direction: 'backwards', before: b0Recorded.globalPosition, maxCount: 1 });
        expect(one).toHaveLength(1);
        expect(one[0].globalPosition).toBeLessThan(b0Recorded.globalPosition);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up from a checkpoint, then delivers live appends in order, exactly once', async () => {
        const a = newStreamId('a');
        const b = newStreamId('b');
        const c = newStreamId('c');
        const [a0, a1, b0] = [anEvent(), anEvent(), anEvent()];
        const checkpoint = (await store.append(a, [a0], 'no_stream')).position;
        await store.append(a, [a1], 0);
        await store.append(b, [b0], 'no_stream');

        const subscription = store.subscribeToAll({ after: checkpoint });
        const consumer = consume(subscription, [a, b, c]);
        await consumer.waitFor(2);

        const [a2, b1, c0, c1] = [anEvent(), anEvent(), anEvent(), anEvent()];
        await store.append(a, [a2], 1);
        await store.append(b, [b1], 0);
        await store.append(c, [c0, c1], 'no_stream');
        await consumer.waitFor(6);

        await subscription.close();
        await consumer.ended();

        const expected = [a1, b0, a2, b1, c0, c1].map((e) => e.eventId);
        expect(consumer.seen.map((e) => e.eventId)).toEqual(expected);
        expectStrictlyIncreasing(consumer.seen.map((e) => e.globalPosition));
        consumer.seen.forEach((e) => expect(e.globalPosition).toBeGreaterThan(checkpoint));
        expect(consumer.all.length).toBe(new Set(consumer.all.map((e) => e.eventId)).size);
      });

      it('delivers live appends that arrive in concurrent bursts without gaps or duplicates', async () => {
        const streams = [newStreamId('x'), newStreamId('y'), newStreamId('z')];
        const head = await headPosition(store);
        const subscription = store.subscribeToAll(head === undefined ? {} : { after: head });
        const consumer = consume(subscription, streams);

        const revisions = new Map<string, number>();
        for (let round = 0; round < 4; round++) {
          await Promise.all(
            streams.map(async (stream) => {
              const expected = revisions.get(stream) ?? 'no_stream';
              const result = await store.append(stream, [anEvent(), anEvent()], expected);
              revisions.set(stream, result.nextExpectedRevision);
            }),
          );
        }
        await consumer.waitFor(24);
        await subscription.close();
        await consumer.ended();

        const inLog = (await Promise.all(streams.map((s) => store.readStream(s)))).flat();
        const byPosition = [...inLog].sort((x, y) => x.globalPosition - y.globalPosition);
        expect(consumer.seen.map((e) => e.eventId)).toEqual(byPosition.map((e) => e.eventId));
        expect(consumer.all.length).toBe(new Set(consumer.all.map((e) => e.eventId)).size);
      });

      it('close() ends a subscription that is waiting for events', async () => {
        const head = await headPosition(store);
        const subscription = store.subscribeToAll(head === undefined ? {} : { after: head });
        const consumer = consume(subscription, []);

        await delay(50);
        await subscription.close();

        await consumer.ended();
      });

      it('close() resolves a pending next() as done', async () => {
        const stream = newStreamId();
        const { position } = await store.append(stream, [anEvent()], 'no_stream');
        const subscription = store.subscribeToAll({ after: position });
        const iterator = subscription[Symbol.asyncIterator]();

        // Skip whatever other writers may have appended meanwhile on a shared server.
        let pending = iterator.next();
        let settled = await Promise.race([pending, delay(100).then(() => 'waiting' as const)]);
        while (settled !== 'waiting' && !settled.done) {
          pending = iterator.next();
          settled = await Promise.race([pending, delay(100).then(() => 'waiting' as const)]);
        }
        await subscription.close();

        await expect(withTimeout(pending, 10_000, 'pending next() after close()')).resolves.toMatchObject({ done: true });
      });

      it('serves several subscribers independently', async () => {
        const stream = newStreamId();
        const checkpoint = (await store.append(stream, [anEvent()], 'no_stream')).position;
        const first = consume(store.subscribeToAll({ after: checkpoint }), [stream]);
        const second = consume(store.subscribeToAll({ after: checkpoint }), [stream]);

        await store.append(stream, [anEvent()], 0);
        await first.waitFor(1);
        await first.subscription.close();
        await first.ended();
        await store.append(stream, [anEvent()], 1);
        await second.waitFor(2);
        await second.subscription.close();
        await second.ended();

        expect(first.seen.map((e) => e.streamRevision)).toEqual([1]);
        expect(second.seen.map((e) => e.streamRevision)).toEqual([1, 2]);
      });
    });

    describe('concurrency', () => {
      it('accepts 50 concurrent appends to 50 streams', async () => {
        const streams = Array.from({ length: 50 }, () => newStreamId());

        const results = await Promise.all(streams.map((stream) => store.append(stream, [anEvent()], 'no_stream')));

        results.forEach((result) => expect(result.nextExpectedRevision).toBe(0));
        expect(new Set(results.map((r) => r.position)).size).toBe(50);
        const read = await Promise.all(streams.map((stream) => store.readStream(stream)));
        read.forEach((events, index) => {
          expect(events).toHaveLength(1);
          expect(events[0].globalPosition).toBe(results[index].position);
        });
      });

      it('lets exactly one of 20 concurrent appends at the same expected revision win', async () => {
        const stream = newStreamId();
        await store.append(stream, [anEvent()], 'no_stream');
        const contenders = Array.from({ length: 20 }, () => anEvent());

        const settled = await Promise.allSettled(contenders.map((event) => store.append(stream, [event], 0)));

        const won = settled.filter((s) => s.status === 'fulfilled');
        const lost = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        lost.forEach((s) => expect(s.reason).toBeInstanceOf(WrongExpectedRevisionError));
        const read = await store.readStream(stream);
        expect(read).toHaveLength(2);
        const winner = contenders[settled.findIndex((s) => s.status === 'fulfilled')];
        expect(read[1].eventId).toBe(winner.eventId);
      });

      it('lets exactly one of 20 concurrent no_stream appends create the stream', async () => {
        const stream = newStreamId();

        const settled = await Promise.allSettled(
          Array.from({ length: 20 }, () => store.append(stream, [anEvent(), anEvent()], 'no_stream')),
        );

        expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
        settled
          .filter((s): s is PromiseRejectedResult => s.status === 'rejected')
          .forEach((s) => expect(s.reason).toBeInstanceOf(WrongExpectedRevisionError));
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('idempotency', () => {
      it('treats an exact retry as the original append and stores nothing twice', async () => {
        const stream = newStreamId();
        const events = [anEvent(), anEvent()];
        const original = await store.append(stream, events, 'no_stream');

        const retry = await store.append(stream, events, 'no_stream');

        expect(retry.nextExpectedRevision).toBe(original.nextExpectedRevision);
        expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      });

      it('treats an exact retry at a numeric revision as the original append', async () => {
        const stream = newStreamId();
        await store.append(stream, [anEvent()], 'no_stream');
        const events = [anEvent(), anEvent()];
        const original = await store.append(stream, events, 0);
        await store.append(stream, [anEvent()], original.nextExpectedRevision);

        const retry = await store.append(stream, events, 0);

        expect(retry.nextExpectedRevision).toBe(2);
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('stores concurrently submitted duplicates once', async () => {
        const stream = newStreamId();
        const events = [anEvent(), anEvent(), anEvent()];

        const settled = await Promise.allSettled([
          store.append(stream, events, 'no_stream'),
          store.append(stream, events, 'no_stream'),
          store.append(stream, events, 'no_stream'),
        ]);

        expect(settled.some((s) => s.status === 'fulfilled')).toBe(true);
        settled.forEach((s) => {
          if (s.status === 'fulfilled') expect(s.value.nextExpectedRevision).toBe(2);
          else expect(s.reason).toBeInstanceOf(WrongExpectedRevisionError);
        });
        expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      });

      it('rejects a batch that reuses only some stored event ids, storing nothing', async () => {
        const stream = newStreamId();
        const [e0, e1] = [anEvent(), anEvent()];
        await store.append(stream, [e0], 'no_stream');

        const error = await rejectionOf(store.append(stream, [e0, e1], 'no_stream'));

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual([e0.eventId]);
      });
    });
  });
}

// ---------------------------------------------------------------------------

export function newStreamId(prefix = 'contract'): string {
  return `${prefix}-${randomUUID()}`;
}

export function anEvent(
  overrides: Partial<Omit<EventToAppend, 'metadata'>> & { metadata?: Partial<EventMetadata> } = {},
): EventToAppend {
  const { metadata, ...rest } = overrides;
  return {
    eventId: randomUUID(),
    type: 'ContractTested',
    schemaVersion: 1,
    data: { note: 'contract' },
    ...rest,
    metadata: {
      occurredAt: '2024-01-15T08:00:00.000Z',
      actor: { userId: 'contract-suite', role: 'system' },
      correlationId: 'contract-correlation',
      causationId: null,
      idempotencyKey: null,
      ...metadata,
    },
  };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved');
}

function expectStrictlyIncreasing(values: number[]): void {
  values.forEach((value, i) => {
    expect(typeof value).toBe('number');
    if (i > 0) expect(value).toBeGreaterThan(values[i - 1]);
  });
}

function expectStrictlyDecreasing(values: number[]): void {
  values.forEach((value, i) => {
    if (i > 0) expect(value).toBeLessThan(values[i - 1]);
  });
}

function expectIsoTime(value: string): void {
  expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  expect(Number.isNaN(Date.parse(value))).toBe(false);
}

async function headPosition(store: EventStore): Promise<number | undefined> {
  const [last] = await store.readAll({ direction: 'backwards', maxCount: 1 });
  return last?.globalPosition;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const WAIT_MS = 15_000;

/** Iterates a subscription in the background, keeping the events of the given streams. */
function consume(subscription: EventSubscription, streams: string[]) {
  const ours = new Set(streams);
  const seen: RecordedEvent[] = [];
  const all: RecordedEvent[] = [];
  const done = (async () => {
    for await (const event of subscription) {
      all.push(event);
      if (ours.has(event.streamId)) seen.push(event);
    }
  })();
  done.catch(() => undefined);

  return {
    subscription,
    seen,
    all,
    async waitFor(count: number): Promise<void> {
      const deadline = Date.now() + WAIT_MS;
      while (seen.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`Subscription delivered ${seen.length} of ${count} expected events within ${WAIT_MS} ms`);
        }
        await Promise.race([delay(10), done]);
      }
    },
    ended(): Promise<void> {
      return withTimeout(done, WAIT_MS, 'the subscription to end after close()');
    },
  };
}

async function collect(subscription: EventSubscription, streams: string[], count: number): Promise<RecordedEvent[]> {
  const consumer = consume(subscription, streams);
  try {
    await consumer.waitFor(count);
  } finally {
    await subscription.close();
    await consumer.ended();
  }
  return consumer.seen;
}
