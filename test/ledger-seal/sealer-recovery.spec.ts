import { EventStore, EventSubscription, RecordedEvent, SubscribeToAllOptions } from '@ikrar/event-store';
import { Sealer } from '@ikrar/ledger-seal';
import { SealFixture, sealFixture } from './fixtures';

/**
 * The sealer runs for months next to the API: an event store that drops its subscription or an indexing
 * transaction that fails must cost a retry, never the sealing of everything recorded afterwards.
 */
describe('Sealer recovery', () => {
  let f: SealFixture;
  beforeEach(async () => {
    f = await sealFixture(3);
    await f.sealer.close();
  });
  afterEach(async () => {
    await f.close();
  });

  /** The fixture's store, except that its first subscription goes wrong as `firstSubscription` says. */
  function flakyStore(firstSubscription: (real: EventSubscription) => AsyncGenerator<RecordedEvent>): { store: EventStore; subscriptions: () => number } {
    let subscriptions = 0;
    const store = storeWith(f.store, (options) => {
      const real = f.store.subscribeToAll(options);
      if (subscriptions++ > 0) return real;
      const events = firstSubscription(real);
      return {
        [Symbol.asyncIterator]: () => events,
        close: async () => {
          await real.close();
          await events.return(undefined);
        },
      };
    });
    return { store, subscriptions: () => subscriptions };
  }

  function startSealer(eventStore: EventStore, errors: unknown[]): Sealer {
    f.sealer = Sealer.open({ eventStore, file: f.file, signingKey: f.key, sealEvery: 3, sealIntervalMs: 0, retryDelayMs: 20, onError: (e) => errors.push(e) });
    return f.sealer;
  }

  async function lastPosition(): Promise<number> {
    return (await f.store.readAll()).at(-1)!.globalPosition;
  }

  it('follows the log again after its subscription failed, and indexes every event once, densely', async () => {
    const before = await f.append(4);
    const { store, subscriptions } = flakyStore(async function* (real) {
      let n = 0;
      for await (const event of real) {
        yield event;
        if (++n === 2) throw new Error('connection to the event store lost');
      }
    });
    const errors: unknown[] = [];
    const sealer = startSealer(store, errors);
    await sealer.start();
    const after = await f.append(3);
    await sealer.waitForPosition(await lastPosition());

    expect(errors.map((e) => (e as Error).message)).toEqual(['connection to the event store lost']);
    expect(subscriptions()).toBe(2);
    expect([...before, ...after].map((id) => sealer.indexOf(id)?.ledgerIndex)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sealer.seals().map((s) => s.treeSize)).toEqual([3, 6]);
    expect(sealer.verifySealChain().valid).toBe(true);
    expect(sealer.lastError()).toBeNull();
  });

  it('forgets what a rolled-back indexing transaction taught it, and indexes those events again', async () => {
    const ids = await f.append(5);
    const { store } = flakyStore(async function* (real) {
      let n = 0;
      for await (const event of real) {
        // The third event arrives damaged (no id: the index refuses it) in the same batch as the first two.
        yield ++n === 3 ? { ...event, eventId: null as unknown as string } : event;
      }
    });
    const errors: unknown[] = [];
    const sealer = startSealer(store, errors);
    await sealer.start();
    await sealer.waitForPosition(await lastPosition());

    expect(errors).toHaveLength(1);
    expect(ids.map((id) => sealer.indexOf(id)?.ledgerIndex)).toEqual([0, 1, 2, 3, 4]);
    expect(sealer.seals().map((s) => s.treeSize)).toEqual([3]);
    expect(sealer.verifySealChain().valid).toBe(true);
  });

  it('says what it is retrying after when a wait for a position runs out', async () => {
    await f.append(2);
    const errors: unknown[] = [];
    const sealer = startSealer(storeWith(f.store, () => failingSubscription('event store unreachable')), errors);
    await sealer.start();
    await expect(sealer.waitForPosition(await lastPosition(), 300)).rejects.toThrow(/retrying after: event store unreachable/);
    expect(errors.length).toBeGreaterThan(1);
    expect(sealer.size()).toBe(0);
  });

  it('stops at once while it waits to retry', async () => {
    const errors: unknown[] = [];
    f.sealer = Sealer.open({
      eventStore: storeWith(f.store, () => failingSubscription('down')),
      file: f.file,
      signingKey: f.key,
      retryDelayMs: 60_000,
      onError: (e) => errors.push(e),
    });
    await f.sealer.start();
    while (errors.length === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await f.sealer.stop();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

/** `store`, with another subscription. */
function storeWith(store: EventStore, subscribeToAll: (options?: SubscribeToAllOptions) => EventSubscription): EventStore {
  return {
    append: (...args) => store.append(...args),
    readStream: (...args) => store.readStream(...args),
    readAll: (...args) => store.readAll(...args),
    close: () => store.close(),
    subscribeToAll,
  };
}

function failingSubscription(message: string): EventSubscription {
  return {
    [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error(message)) }),
    close: async () => undefined,
  };
}
