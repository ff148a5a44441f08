import { Clock } from '@ikrar/application';
import { createProjections, replayAsOf } from '@ikrar/projections';
import { act, asPartner, draftReport, establishForum, headPosition, ntbScenario, pledgeCommitment, registerPartner } from '../support/fixtures';
import { fixedClock, startTestLedger, TestLedger } from '../support/ledger-app';

type Scenario = Awaited<ReturnType<typeof ntbScenario>>;
const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

/** An instant strictly between what was recorded before it and what is recorded after it (recording time is the store's real clock). */
async function instantBetween(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const at = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  return at;
}

function movableClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => now,
    set(next: string) {
      now = new Date(next);
    },
  };
}

describe('dashboard and obligations as of a past moment (asOf, asOfOccurred)', () => {
  describe('what the views said then is what they say now about then', () => {
    let ledger: TestLedger;
    let ntb: Scenario;
    const c: Record<string, string> = {};
    let submittedReport: string;

    // The clock is pinned to the real moment the suite starts: "today" of the live answers recorded at T1 is
    // then T1's own day (WIB), so even the fields derived from today (asOf, overdue, due soon, lights) must match.
    beforeAll(async () => {
      ledger = await startTestLedger({ clock: fixedClock(new Date().toISOString()) });
      ntb = await ntbScenario(ledger);
      const bank = asPartner(ntb.bank);
      c.pmt = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
      await act(ledger, `/commitments/${c.pmt}/acceptance`, { acceptedOn: '2025-12-01' });
      c.soap = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, { description: 'Sabun cuci tangan', quantity: 100, unit: 'paket', valueRupiah: 20_000_000, programme: 'phbs', milestones: [] });
      await act(ledger, `/commitments/${c.soap}/acceptance`, { acceptedOn: '2025-12-01' });
      c.training = await pledgeCommitment(ledger, ntb.agreementId, ntb.pkk, { description: 'Pelatihan kader Posyandu', programme: 'posyandu', milestones: [] });
      await act(ledger, `/commitments/${c.training}/acceptance`, { acceptedOn: '2025-12-01' });
      c.pledged = await pledgeCommitment(ledger, ntb.agreementId, ntb.pkk, { description: 'Leaflet gizi', milestones: [] });
      submittedReport = await draftReport(ledger, c.soap, { periodStart: '2025-12-01', periodEnd: '2025-12-31', quantityDelivered: 40, rupiahDisbursed: 8_000_000 }, bank);
      await act(ledger, `/reports/${submittedReport}/submission`, {}, bank);
    });
    afterAll(async () => {
      await ledger.close();
    });

    const routes = () => [`/forums/${ntb.forumId}/dashboard`, `/partners/${ntb.bank}/obligations`, `/partners/${ntb.pkk}/obligations`];
    const live = async (route: string) => ledger.http.get(route).query({ minPosition: await headPosition(ledger) }).expect(200);

    it('?asOf=T1 returns the whole body answered at T1, after an accepted report, a reduced commitment and a closure', async () => {
      const then: Record<string, unknown> = {};
      for (const route of routes()) then[route] = (await live(route)).body;
      const t1 = await instantBetween();

      await act(ledger, `/reports/${submittedReport}/acceptance`, {});
      await act(ledger, `/commitments/${c.pmt}/amendments`, { rationale: 'Anggaran CSR dipotong', changes: { quantity: 400, valueRupiah: 120_000_000 } });
      await act(ledger, `/commitments/${c.training}/closure`, { outcome: 'fulfilled', note: 'Dievaluasi pada rapat forum' });
      await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, { description: 'Timbangan bayi', milestones: [] });

      for (const route of routes()) {
        const now = await live(route);
        expect({ route, body: now.body }).not.toEqual({ route, body: then[route] });
        const asOf = await ledger.http.get(route).query({ asOf: t1 }).expect(200);
        expect({ route, body: asOf.body }).toEqual({ route, body: then[route] });
      }
      // The changes are really there now, and really absent then.
      const dashboard = (await live(`/forums/${ntb.forumId}/dashboard`)).body;
      expect(dashboard.byStatus).toMatchObject({ accepted: 2, fulfilled: 1, pledged: 2 });
      expect((then[`/forums/${ntb.forumId}/dashboard`] as typeof dashboard).byStatus).toMatchObject({ accepted: 3, fulfilled: 0, pledged: 1 });
      const obligations = (await live(`/partners/${ntb.bank}/obligations`)).body;
      expect(obligations.totals).toEqual({ pledgedQuantity: 500, deliveredQuantity: 40, pledgedRupiah: 140_000_000, disbursedRupiah: 8_000_000 });
      expect((then[`/partners/${ntb.bank}/obligations`] as typeof obligations).totals).toEqual({
        pledgedQuantity: 600,
        deliveredQuantity: 0,
        pledgedRupiah: 170_000_000,
        disbursedRupiah: 0,
      });

      // The same instant written in WIB names the same moment.
      const wib = new Date(Date.parse(t1) + 7 * 3600_000).toISOString().replace('Z', '+07:00');
      const sameMoment = await ledger.http.get(`/forums/${ntb.forumId}/dashboard`).query({ asOf: wib }).expect(200);
      expect(sameMoment.body).toEqual(then[`/forums/${ntb.forumId}/dashboard`]);
    });

    it('replaying the whole log with the same reducers gives exactly the live read models', async () => {
      const projections = createProjections();
      const replayed = await replayAsOf({ eventStore: ledger.store, projections, recordedUntil: new Date(Date.now() + 60_000) });
      const liveGeneration = await ledger.readStore.activeGeneration();
      const replayedGeneration = await replayed.activeGeneration();
      await ledger.projector.waitFor(await headPosition(ledger), 3000);
      for (const collection of new Set(projections.flatMap((projection) => projection.collections))) {
        const expected = await ledger.readStore.all(liveGeneration, collection);
        expect({ collection, docs: await replayed.all(replayedGeneration, collection) }).toEqual({ collection, docs: expected });
      }
      expect(await replayed.failures(replayedGeneration)).toEqual([]);
    });

    it('a forum or partner that did not exist yet at that moment is 404, though it exists now', async () => {
      const t0 = await instantBetween();
      const university = await registerPartner(ledger, { name: 'Universitas Mataram', sector: 'academia' });
      const forum = await establishForum(ledger, university, { name: 'Forum Kemitraan Gizi Kota Mataram', regionCode: '52.71' });
      await live(`/forums/${forum}/dashboard`);
      await live(`/partners/${university}/obligations`);

      const dashboard = await ledger.http.get(`/forums/${forum}/dashboard`).query({ asOf: t0 }).expect(404);
      expect(dashboard.headers['content-type']).toContain('application/problem+json');
      await ledger.http.get(`/partners/${university}/obligations`).query({ asOf: t0 }).expect(404);
      await ledger.http.get(`/forums/${ntb.forumId}/dashboard`).query({ asOfOccurred: '2020-01-01T00:00:00Z' }).expect(404);
      await ledger.http.get(`/partners/${ntb.bank}/obligations`).query({ asOfOccurred: '2020-01-01T00:00:00+07:00' }).expect(404);
    });

    it('refuses a malformed instant, both times at once, a repeated or unknown parameter with 400 naming it', async () => {
      for (const route of routes()) {
        for (const bad of ['2025-02-30T00:00:00Z', '2025-12-01', 'yesterday', '2025-12-01T10:00:00', '']) {
          const res = await ledger.http.get(route).query({ asOf: bad }).expect(400);
          expect({ route, bad, fields: fields(res) }).toEqual({ route, bad, fields: ['asOf'] });
        }
        expect(fields(await ledger.http.get(route).query({ asOfOccurred: '2025-13-01T00:00:00Z' }).expect(400))).toEqual(['asOfOccurred']);
        expect(fields(await ledger.http.get(`${route}?asOf=2026-01-01T00:00:00Z&asOf=2026-02-01T00:00:00Z`).expect(400))).toEqual(['asOf']);
        const both = await ledger.http.get(route).query({ asOf: '2026-01-01T00:00:00Z', asOfOccurred: '2026-01-01T00:00:00Z' }).expect(400);
        expect(fields(both)).toEqual(['asOfOccurred']);
        expect(both.body.detail).toContain('cannot be combined');
        expect(fields(await ledger.http.get(route).query({ asof: '2026-01-01T00:00:00Z' }).expect(400))).toEqual(['asof']);
        expect(fields(await ledger.http.get(route).query({ asOf: '2026-01-01T00:00:00Z', minPosition: '-1' }).expect(400))).toEqual(['minPosition']);
      }
    });
  });

  describe('recording time versus business time, and "today" on the as-of day', () => {
    let ledger: TestLedger;
    let clock: ReturnType<typeof movableClock>;
    let ntb: Scenario;
    let commitmentId: string;

    beforeEach(async () => {
      // Everything is recorded on 26 November 2025 (WIB) ...
      clock = movableClock('2025-11-26T03:00:00Z');
      ledger = await startTestLedger({ clock });
      ntb = await ntbScenario(ledger);
      commitmentId = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
    });
    afterEach(async () => {
      await ledger.close();
    });

    const dashboard = (query: Record<string, string>) => ledger.http.get(`/forums/${ntb.forumId}/dashboard`).query(query).expect(200);
    const obligations = (query: Record<string, string>) => ledger.http.get(`/partners/${ntb.bank}/obligations`).query(query).expect(200);
    const ids = (items: { id: string }[]) => items.map((item) => item.id);

    it('a late-recorded acceptance shows in asOfOccurred (what was true then) but not in asOf (what the ledger said then)', async () => {
      const t1 = await instantBetween();
      // ... and recorded as accepted only in January, dated 1 December 2025: its business time is that day.
      clock.set('2026-01-15T03:00:00Z');
      await act(ledger, `/commitments/${commitmentId}/acceptance`, { acceptedOn: '2025-12-01' });

      const occurred = { asOfOccurred: '2025-12-10T00:00:00+07:00' };
      expect((await dashboard(occurred)).body).toMatchObject({ asOf: '2025-12-10', byStatus: expect.objectContaining({ pledged: 0, accepted: 1 }) });
      expect((await obligations(occurred)).body).toMatchObject({ asOf: '2025-12-10', totals: { pledgedQuantity: 500, pledgedRupiah: 150_000_000 } });
      expect(ids((await obligations(occurred)).body.activeCommitments)).toEqual([commitmentId]);

      const recorded = { asOf: t1 };
      expect((await dashboard(recorded)).body.byStatus).toMatchObject({ pledged: 1, accepted: 0 });
      expect((await obligations(recorded)).body).toMatchObject({ activeCommitments: [], totals: { pledgedQuantity: 0, pledgedRupiah: 0 } });

      // Before 1 December it was only pledged, in either sense.
      expect((await dashboard({ asOfOccurred: '2025-11-30T23:59:59+07:00' })).body.byStatus).toMatchObject({ pledged: 1, accepted: 0 });
    });

    it('overdue, due soon and the partner lights are judged on the as-of day (WIB), not today', async () => {
      await act(ledger, `/commitments/${commitmentId}/acceptance`, {});
      // Today (26 Nov 2025) the commitment due 30 June 2026 is neither overdue nor due soon.
      const today = (await obligations({ minPosition: String(await headPosition(ledger)) })).body;
      expect(today).toMatchObject({ asOf: '2025-11-26', overdue: [], dueWithin30Days: [] });

      // On 1 July 2026 (WIB) it is overdue (0:30 WIB is still 30 June in UTC) ...
      const july = { asOfOccurred: '2026-06-30T17:30:00Z' };
      expect((await dashboard(july)).body).toMatchObject({ asOf: '2026-07-01', overdueCommitments: 1, fulfilmentRate: 0 });
      expect(ids((await obligations(july)).body.overdue)).toEqual([commitmentId]);
      // ... on 30 June it is due soon, not overdue; and a partner that never reported is red by then.
      const june = { asOfOccurred: '2026-06-30T16:30:00Z' };
      const juneDashboard = (await dashboard(june)).body;
      expect(juneDashboard).toMatchObject({ asOf: '2026-06-30', overdueCommitments: 0 });
      expect(juneDashboard.partners).toEqual([expect.objectContaining({ partnerId: ntb.bank, light: 'red' })]);
      const juneObligations = (await obligations(june)).body;
      expect(juneObligations).toMatchObject({ asOf: '2026-06-30', overdue: [] });
      expect(ids(juneObligations.dueWithin30Days)).toEqual([commitmentId]);
    });
  });
});
