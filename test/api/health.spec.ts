import { EventStore, RecordedEvent } from '@ikrar/event-store';
import { registerSealer, Sealer } from '@ikrar/ledger-seal';
import { HealthController } from '../../apps/ledger-api/src/health/health.controller';

/** An operator's monitor reads `sealing` to learn that recorded events are waiting for their seal. */
describe('GET /health: sealing', () => {
  function storeAt(position: number | null): EventStore {
    const last = position === null ? [] : [{ globalPosition: position } as RecordedEvent];
    return { readAll: async () => last } as unknown as EventStore;
  }
  function sealerAt(checkpoint: number | null, lastError: unknown): Sealer {
    return { checkpoint: () => checkpoint, lastError: () => lastError } as unknown as Sealer;
  }
  async function sealing(store: EventStore): Promise<string> {
    return (await new HealthController(store).health()).sealing;
  }

  it('is off when no sealer follows the store', async () => {
    expect(await sealing(storeAt(7))).toBe('off');
  });

  it('is following while the sealer indexes without problems, behind or not', async () => {
    const store = storeAt(7);
    registerSealer(store, sealerAt(5, null));
    expect(await sealing(store)).toBe('following');
  });

  it('is retrying while events wait and the sealer has hit a problem', async () => {
    const store = storeAt(7);
    registerSealer(store, sealerAt(5, new Error('seals file locked')));
    expect(await sealing(store)).toBe('retrying');
  });

  it('is following again once every recorded event is indexed, even before the next event clears the problem', async () => {
    const store = storeAt(7);
    registerSealer(store, sealerAt(7, new Error('seals file locked')));
    expect(await sealing(store)).toBe('following');
  });
});
