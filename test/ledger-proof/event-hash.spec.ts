import { createHash } from 'node:crypto';
import { eventHash, verifyEventHash } from '@ikrar/ledger-proof';

const envelope = {
  eventId: '6f1c1f9e-3c57-4c38-9d2b-2f6d2b1f1a01',
  type: 'CommitmentMade',
  streamId: 'commitment-42',
  streamVersion: 0,
  recordedAt: '2024-05-01T10:00:00.000Z',
  payload: { amount: 1500.5, currency: 'EUR', note: 'Früh' },
  metadata: { actor: 'partner-7', correlationId: 'c-1' },
};

describe('eventHash', () => {
  it('is SHA-256 over the canonical JSON of the envelope plus previousHash', () => {
    const prev = 'ab'.repeat(32);
    const text =
      '{"eventId":"6f1c1f9e-3c57-4c38-9d2b-2f6d2b1f1a01",' +
      '"metadata":{"actor":"partner-7","correlationId":"c-1"},' +
      '"payload":{"amount":1500.5,"currency":"EUR","note":"Früh"},' +
      `"previousHash":"${prev}",` +
      '"recordedAt":"2024-05-01T10:00:00.000Z","streamId":"commitment-42","streamVersion":0,"type":"CommitmentMade"}';
    const expected = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
    expect(eventHash(envelope, prev)).toBe(expected);
  });

  it('uses JSON null for the first event in a stream', () => {
    const text = JSON.stringify({ a: 1, previousHash: null });
    expect(eventHash({ a: 1 }, null)).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('does not depend on member order', () => {
    const reverse = (v: unknown): unknown =>
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)]))
        : v;
    const reordered = reverse(envelope) as Record<string, unknown>;
    expect(Object.keys(reordered)).toEqual(Object.keys(envelope).reverse());
    expect(reordered).toEqual(envelope);
    expect(eventHash(reordered, null)).toBe(eventHash(envelope, null));
  });

  it('changes when any field, any nested byte or the chain link changes', () => {
    const base = eventHash(envelope, null);
    expect(eventHash({ ...envelope, payload: { ...envelope.payload, amount: 1500.51 } }, null)).not.toBe(base);
    expect(eventHash({ ...envelope, payload: { ...envelope.payload, note: 'Fruh' } }, null)).not.toBe(base);
    expect(eventHash({ ...envelope, streamVersion: 1 }, null)).not.toBe(base);
    expect(eventHash({ ...envelope, extra: 'x' }, null)).not.toBe(base);
    expect(eventHash(envelope, '00'.repeat(32))).not.toBe(base);
    expect(eventHash(envelope, '00'.repeat(32))).not.toBe(eventHash(envelope, '01'.repeat(32)));
  });

  it('chains: verifyEventHash recomputes a stored event', () => {
    const h0 = eventHash(envelope, null);
    const second = { ...envelope, streamVersion: 1, eventId: 'e2' };
    const h1 = eventHash(second, h0);
    expect(verifyEventHash({ ...envelope, hash: h0 }, null)).toBe(true);
    expect(verifyEventHash({ ...second, hash: h1 }, h0)).toBe(true);
    expect(verifyEventHash({ ...second, hash: h1 }, null)).toBe(false);
    expect(verifyEventHash({ ...second, payload: { amount: 1 }, hash: h1 }, h0)).toBe(false);
    expect(verifyEventHash({ ...second, hash: 'not-a-hash' }, h0)).toBe(false);
  });

  it('accepts a matching previousHash member and rejects ambiguous input', () => {
    const prev = 'cd'.repeat(32);
    expect(eventHash({ ...envelope, previousHash: prev }, prev)).toBe(eventHash(envelope, prev));
    expect(() => eventHash({ ...envelope, previousHash: null }, prev)).toThrow(/differs/);
    expect(() => eventHash({ ...envelope, hash: 'x' }, null)).toThrow(/hash/);
    expect(() => eventHash(envelope, 'AB'.repeat(32))).toThrow(/previousHash/);
    expect(() => eventHash(envelope, 'ab')).toThrow(/previousHash/);
    expect(() => eventHash([] as unknown as Record<string, unknown>, null)).toThrow(TypeError);
    expect(() => eventHash({ ...envelope, payload: { n: NaN } }, null)).toThrow();
  });
});
