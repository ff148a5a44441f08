import { agreementStreamId, commitmentStreamId } from '@ikrar/domain';
import { RecordedEvent } from '@ikrar/event-store';
import { acceptCommitment, act, asPartner, ntbScenario, pledgeCommitment, registerPartner } from '../support/fixtures';
import { startTestLedger, TestLedger } from '../support/ledger-app';

type Scenario = Awaited<ReturnType<typeof ntbScenario>>;
interface Envelope {
  eventId: string;
  type: string;
  streamId: string;
  globalPosition: number;
  recordedAt: string;
  actor: { userId: string; partnerId?: string };
  data: Record<string, unknown>;
}
const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

describe('GET /audit/events: the audit trail', () => {
  let ledger: TestLedger;
  let ntb: Scenario;
  let commitmentId: string;
  let log: RecordedEvent[];

  beforeAll(async () => {
    ledger = await startTestLedger();
    ntb = await ntbScenario(ledger);
    await registerPartner(ledger, { name: 'PT Amman Mineral', sector: 'business', regionCode: '52', contact: { email: 'csr@amman.example', phone: '+62 812 3456 7890' } });
    commitmentId = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, {}, asPartner(ntb.bank, 'csr-officer-bank-ntb'));
    await acceptCommitment(ledger, commitmentId);
    await act(ledger, `/agreements/${ntb.agreementId}/corrections`, { reason: 'Salah ketik judul', changes: { title: 'Kesepakatan Kemitraan NTB' } }, ledger.secretariat('sekretariat-ani'));
    log = await ledger.store.readAll();
  });
  afterAll(async () => {
    await ledger.close();
  });

  /** Follows nextCursor from the first page to the last. */
  async function everyPage(query: Record<string, string | number>): Promise<{ items: Envelope[]; pages: number }> {
    const items: Envelope[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: Envelope[]; nextCursor: string | null } } = await ledger.auditor
        .get('/audit/events')
        .query({ ...query, ...(cursor ? { cursor } : {}) })
        .expect(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
      expect(pages).toBeLessThan(200);
    } while (cursor !== null);
    return { items, pages };
  }

  it('each item is the full envelope of the recorded event, data exactly as stored', async () => {
    const res = await ledger.auditor.get('/audit/events').expect(200);
    expect(res.body.items).toHaveLength(log.length);
    expect(res.body.nextCursor).toBeNull();
    const stored = log.find((event) => event.type === 'CommitmentPledged')!;
    const item = res.body.items.find((candidate: Envelope) => candidate.eventId === stored.eventId);
    expect(item).toEqual({
      eventId: stored.eventId,
      type: 'CommitmentPledged',
      schemaVersion: stored.schemaVersion,
      streamId: commitmentStreamId(commitmentId),
      streamRevision: 0,
      globalPosition: stored.globalPosition,
      occurredAt: stored.metadata.occurredAt,
      recordedAt: stored.recordedAt,
      actor: { userId: 'csr-officer-bank-ntb', role: 'partner', partnerId: ntb.bank },
      correlationId: stored.metadata.correlationId,
      causationId: stored.metadata.causationId,
      idempotencyKey: null,
      data: stored.data,
      hash: stored.hash,
      previousHash: null,
    });
    expect(item.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('each item carries its hash and the hash of the previous event of its stream', async () => {
    const res = await ledger.auditor.get('/audit/events').expect(200);
    const byId = new Map(log.map((event) => [event.eventId, event]));
    const lastHash = new Map<string, string>();
    for (const item of res.body.items as (Envelope & { hash: string; previousHash: string | null })[]) {
      expect(item.hash).toBe(byId.get(item.eventId)!.hash);
      expect(item.previousHash).toBe(lastHash.get(item.streamId) ?? null);
      lastHash.set(item.streamId, item.hash);
    }
  });

  it('personal data stays sealed in the trail', async () => {
    const res = await ledger.auditor.get('/audit/events').query({ type: 'PartnerRegistered' }).expect(200);
    expect(res.body.items).toHaveLength(4);
    expect(JSON.stringify(res.body)).not.toContain('csr@amman.example');
    expect(JSON.stringify(res.body)).not.toContain('3456 7890');
  });

  it('pages oldest first visit every event exactly once, in log order', async () => {
    const { items, pages } = await everyPage({ limit: 3 });
    expect(pages).toBe(Math.ceil(log.length / 3));
    expect(items.map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
  });

  it('pages newest first visit every event exactly once, in reverse log order', async () => {
    const { items } = await everyPage({ limit: 4, order: 'desc' });
    expect(items.map((e) => e.eventId)).toEqual([...log].reverse().map((e) => e.eventId));
  });

  it('filters by exact stream id, paging through it', async () => {
    const stream = commitmentStreamId(commitmentId);
    const { items } = await everyPage({ stream, limit: 1 });
    expect(items.map((e) => e.type)).toEqual(['CommitmentPledged', 'CommitmentAccepted']);
    const desc = await everyPage({ stream, limit: 1, order: 'desc' });
    expect(desc.items.map((e) => e.type)).toEqual(['CommitmentAccepted', 'CommitmentPledged']);
    expect((await ledger.auditor.get('/audit/events').query({ stream: 'commitment' }).expect(200)).body.items).toEqual([]);
  });

  it('filters by event type', async () => {
    const { items } = await everyPage({ type: 'PartnerRegistered', limit: 1 });
    expect(items.map((e) => e.eventId)).toEqual(log.filter((e) => e.type === 'PartnerRegistered').map((e) => e.eventId));
  });

  it('filters by the acting user: who corrected the agreement', async () => {
    const { items } = await everyPage({ actor: 'sekretariat-ani' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ type: 'AgreementCorrected', streamId: agreementStreamId(ntb.agreementId), actor: { userId: 'sekretariat-ani' } });
  });

  it('filters by partner: what its users did and what is about it', async () => {
    const { items } = await everyPage({ partnerId: ntb.bank, limit: 2 });
    const expected = log.filter((e) => e.metadata.actor.partnerId === ntb.bank || e.data.partnerId === ntb.bank);
    expect(items.map((e) => e.eventId)).toEqual(expected.map((e) => e.eventId));
    expect(items.map((e) => e.type)).toEqual(expect.arrayContaining(['PartnerRegistered', 'CommitmentPledged']));
    // Upper-case ids name the same partner.
    const upper = await ledger.auditor.get('/audit/events').query({ partnerId: ntb.bank.toUpperCase() }).expect(200);
    expect(upper.body.items).toHaveLength(expected.length);
  });

  it('filters by recording time, from and to inclusive', async () => {
    const from = log[3].recordedAt;
    const to = log[log.length - 2].recordedAt;
    const { items } = await everyPage({ from, to, limit: 2 });
    const expected = log.filter((e) => e.recordedAt >= from && e.recordedAt <= to);
    expect(items.map((e) => e.eventId)).toEqual(expected.map((e) => e.eventId));
    expect(items.length).toBeGreaterThanOrEqual(log.length - 4);
    const none = await ledger.auditor.get('/audit/events').query({ to: '2000-01-01T00:00:00+07:00' }).expect(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it('combines filters', async () => {
    const res = await ledger.auditor.get('/audit/events').query({ partnerId: ntb.bank, type: 'CommitmentPledged', order: 'desc' }).expect(200);
    expect(res.body.items.map((e: Envelope) => e.streamId)).toEqual([commitmentStreamId(commitmentId)]);
  });

  it('the cursor is opaque base64url and the last page says there is no next one', async () => {
    const first = await ledger.auditor.get('/audit/events').query({ limit: log.length - 1 }).expect(200);
    expect(first.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const last = await ledger.auditor.get('/audit/events').query({ cursor: first.body.nextCursor }).expect(200);
    expect(last.body.items.map((e: Envelope) => e.eventId)).toEqual([log[log.length - 1].eventId]);
    expect(last.body.nextCursor).toBeNull();
    // A page that ends exactly at the last match has no next page.
    expect((await ledger.auditor.get('/audit/events').query({ limit: log.length }).expect(200)).body.nextCursor).toBeNull();
  });

  it('refuses malformed parameters with 400 naming each one', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ limit: '0' }, 'limit'],
      [{ limit: '501' }, 'limit'],
      [{ limit: '1.5' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ order: 'newest' }, 'order'],
      [{ cursor: 'not a cursor' }, 'cursor'],
      [{ cursor: Buffer.from('-1').toString('base64url') }, 'cursor'],
      [{ from: '2025-02-30T00:00:00Z' }, 'from'],
      [{ to: 'tomorrow' }, 'to'],
      [{ partnerId: 'bank-ntb' }, 'partnerId'],
      [{ page: '2' }, 'page'],
    ];
    for (const [query, field] of cases) {
      const res = await ledger.auditor.get('/audit/events').query(query).expect(400);
      expect({ query, fields: fields(res) }).toEqual({ query, fields: [field] });
    }
  });
});
