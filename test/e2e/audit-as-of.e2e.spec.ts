import { Clock } from '@ikrar/application';
import { acceptCommitment, act, asPartner, create, ntbScenario, pledgeCommitment, registerPartner } from '../support/fixtures';
import { startTestLedger, TestLedger } from '../support/ledger-app';

type Scenario = Awaited<ReturnType<typeof ntbScenario>>;
const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

/** An instant strictly between what was recorded before it and what is recorded after it. */
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

describe('state as of a past moment (asOf, asOfOccurred)', () => {
  describe('with the real clock: what the API said then is what it says now about then', () => {
    let ledger: TestLedger;
    let ntb: Scenario;
    let commitmentId: string;
    let assignmentId: string;
    let reportId: string;

    beforeEach(async () => {
      ledger = await startTestLedger();
      ntb = await ntbScenario(ledger);
      commitmentId = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
      await acceptCommitment(ledger, commitmentId);
      assignmentId = await create(ledger, '/role-assignments', { partnerId: ntb.bank, role: 'funding-supporter', agreementId: ntb.agreementId, validFrom: '2025-11-25' });
      reportId = await create(
        ledger,
        '/reports',
        {
          commitmentId,
          periodStart: '2025-12-01',
          periodEnd: '2026-03-31',
          quantityDelivered: 250,
          rupiahDisbursed: 75_000_000,
          narrative: 'PMT tahap 1 disalurkan di 11 puskesmas',
          evidence: [],
        },
        asPartner(ntb.bank),
      );
    });
    afterEach(async () => {
      await ledger.close();
    });

    const routes = () => [
      `/partners/${ntb.bank}`,
      `/forums/${ntb.forumId}`,
      `/forums/${ntb.forumId}/meetings/${ntb.meetingId}`,
      `/agreements/${ntb.agreementId}`,
      `/commitments/${commitmentId}`,
      `/role-assignments/${assignmentId}`,
      `/reports/${reportId}`,
    ];

    it('every entity read with ?asOf=T equals what it answered at T, ETag included, after corrections, amendments and reviews', async () => {
      const then: Record<string, { body: unknown; etag: string }> = {};
      for (const route of routes()) {
        const res = await ledger.http.get(route).expect(200);
        then[route] = { body: res.body, etag: res.headers.etag };
      }
      const t1 = await instantBetween();

      // Everything changes afterwards: a correction (ralat), an amendment (adendum), new facts on every entity.
      await act(ledger, `/agreements/${ntb.agreementId}/corrections`, { reason: 'Salah ketik judul', changes: { title: 'Kesepakatan Kemitraan Kesehatan Masyarakat Provinsi NTB' } });
      await act(ledger, `/agreements/${ntb.agreementId}/amendments`, { rationale: 'Perpanjangan hasil rapat evaluasi', changes: { effectiveUntil: '2027-12-31' } });
      await act(ledger, `/partners/${ntb.bank}/details`, { name: 'PT Bank NTB Syariah (Persero)' });
      await create(ledger, `/forums/${ntb.forumId}/meetings`, { title: 'Rapat evaluasi', heldOn: '2026-01-20', location: 'Mataram', attendeePartnerIds: [ntb.dinkes, ntb.bank] });
      await act(ledger, `/commitments/${commitmentId}/amendments`, { rationale: 'Anggaran CSR dipotong', changes: { quantity: 400, valueRupiah: 120_000_000 } });
      await act(ledger, `/role-assignments/${assignmentId}/revocation`, { reason: 'Digantikan mitra lain', revokedOn: '2026-02-01' });
      await act(ledger, `/reports/${reportId}/submission`, {}, asPartner(ntb.bank));
      await act(ledger, `/reports/${reportId}/return`, { comments: 'Lampirkan berita acara' });

      for (const route of routes()) {
        const now = await ledger.http.get(route).expect(200);
        expect({ route, body: now.body }).not.toEqual({ route, body: then[route].body });
        const asOf = await ledger.http.get(route).query({ asOf: t1 }).expect(200);
        expect({ route, body: asOf.body, etag: asOf.headers.etag }).toEqual({ route, ...then[route] });
      }
    });

    it('the same instant in another zone names the same moment (WIB offset)', async () => {
      const before = await ledger.http.get(`/agreements/${ntb.agreementId}`).expect(200);
      const t1 = await instantBetween();
      await act(ledger, `/agreements/${ntb.agreementId}/corrections`, { reason: 'Salah ketik', changes: { title: 'Judul yang benar' } });
      const wib = new Date(Date.parse(t1) + 7 * 3600_000).toISOString().replace('Z', '+07:00');
      const res = await ledger.http.get(`/agreements/${ntb.agreementId}?asOf=${encodeURIComponent(wib)}`).expect(200);
      expect(res.body).toEqual(before.body);
    });

    it('an entity that did not exist yet at that moment is 404, though it exists now', async () => {
      const t0 = await instantBetween();
      const late = await registerPartner(ledger, { name: 'Universitas Mataram', sector: 'academia' });
      await ledger.http.get(`/partners/${late}`).expect(200);
      const res = await ledger.http.get(`/partners/${late}`).query({ asOf: t0 }).expect(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      await ledger.http.get(`/partners/${late}`).query({ asOfOccurred: t0 }).expect(404);
      await ledger.http.get(`/commitments/${commitmentId}`).query({ asOf: '2020-01-01T00:00:00Z' }).expect(404);
    });

    it('refuses a malformed instant with 400 naming the parameter, and both times at once', async () => {
      const route = `/commitments/${commitmentId}`;
      for (const bad of ['2025-02-30T00:00:00Z', '2025-12-01', 'yesterday', '2025-12-01T25:00:00Z', '2025-12-01T10:00:00', '']) {
        const res = await ledger.http.get(route).query({ asOf: bad }).expect(400);
        expect(fields(res)).toEqual(['asOf']);
      }
      const occurred = await ledger.http.get(route).query({ asOfOccurred: '2025-13-01T00:00:00Z' }).expect(400);
      expect(fields(occurred)).toEqual(['asOfOccurred']);
      const twice = await ledger.http.get(`${route}?asOf=2026-01-01T00:00:00Z&asOf=2026-02-01T00:00:00Z`).expect(400);
      expect(fields(twice)).toEqual(['asOf']);
      const both = await ledger.http.get(route).query({ asOf: '2026-01-01T00:00:00Z', asOfOccurred: '2026-01-01T00:00:00Z' }).expect(400);
      expect(fields(both)).toEqual(['asOfOccurred']);
      expect(both.body.detail).toContain('cannot be combined');
    });

    it('refuses unknown query parameters on every entity read with 400 naming them', async () => {
      for (const route of routes()) {
        const res = await ledger.http.get(route).query({ asof: '2026-01-01T00:00:00Z' }).expect(400);
        expect({ route, fields: fields(res) }).toEqual({ route, fields: ['asof'] });
      }
    });
  });

  describe('recording time versus business time', () => {
    let ledger: TestLedger;
    let clock: ReturnType<typeof movableClock>;
    let ntb: Scenario;
    let commitmentId: string;

    beforeEach(async () => {
      // The pledge is made on 26 November 2025 (WIB) ...
      clock = movableClock('2025-11-26T03:00:00Z');
      ledger = await startTestLedger({ clock });
      ntb = await ntbScenario(ledger);
      commitmentId = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
    });
    afterEach(async () => {
      await ledger.close();
    });

    it('a late-recorded acceptance shows in asOfOccurred (what was true then) but not in asOf (what the ledger said then)', async () => {
      const t1 = await instantBetween();
      // ... and recorded as accepted only in January, dated 1 December 2025: its business time is that day.
      clock.set('2026-01-15T03:00:00Z');
      await act(ledger, `/commitments/${commitmentId}/acceptance`, { acceptedOn: '2025-12-01' });
      const accepted = await ledger.http.get(`/commitments/${commitmentId}`).expect(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', acceptedOn: '2025-12-01', revision: 1 });

      // On 10 December 2025 the commitment WAS accepted, as we know now ...
      const occurred = await ledger.http.get(`/commitments/${commitmentId}`).query({ asOfOccurred: '2025-12-10T00:00:00+07:00' }).expect(200);
      expect(occurred.body).toMatchObject({ status: 'accepted', acceptedOn: '2025-12-01', revision: 1 });
      expect(occurred.headers.etag).toBe('"1"');
      // ... but the ledger did not say so until the acceptance was recorded.
      const recorded = await ledger.http.get(`/commitments/${commitmentId}`).query({ asOf: t1 }).expect(200);
      expect(recorded.body).toMatchObject({ status: 'pledged', acceptedOn: null, revision: 0 });
      expect(recorded.headers.etag).toBe('"0"');
      // Before 1 December it was only pledged, in either sense.
      const earlier = await ledger.http.get(`/commitments/${commitmentId}`).query({ asOfOccurred: '2025-11-30T23:59:59+07:00' }).expect(200);
      expect(earlier.body).toMatchObject({ status: 'pledged', revision: 0 });
    });

    it('by business time an entity exists from its creation on: a meeting dated before the forum was recorded does not make the forum exist sooner', async () => {
      // The forum was recorded on 26 November (WIB); the meeting it holds is dated 25 November.
      await ledger.http.get(`/forums/${ntb.forumId}`).query({ asOfOccurred: '2025-11-25T12:00:00+07:00' }).expect(404);
      await ledger.http.get(`/forums/${ntb.forumId}/meetings/${ntb.meetingId}`).query({ asOfOccurred: '2025-11-25T12:00:00+07:00' }).expect(404);
      const later = await ledger.http.get(`/forums/${ntb.forumId}`).query({ asOfOccurred: '2025-11-26T12:00:00+07:00' }).expect(200);
      expect(later.body).toMatchObject({ name: 'Forum Kemitraan Kesehatan Masyarakat Provinsi NTB', meetings: [expect.objectContaining({ meetingId: ntb.meetingId, heldOn: '2025-11-25' })] });
    });

    it('overdue is derived for the as-of day (WIB), not for today', async () => {
      await act(ledger, `/commitments/${commitmentId}/acceptance`, {});
      // Today (26 Nov 2025) the commitment due 30 June 2026 is not overdue ...
      expect((await ledger.http.get(`/commitments/${commitmentId}`).expect(200)).body.overdue).toBe(false);
      // ... on 1 July 2026 (WIB) it is, as things stood on the record (0:30 WIB is still 30 June in UTC).
      const july = await ledger.http.get(`/commitments/${commitmentId}`).query({ asOfOccurred: '2026-06-30T17:30:00Z' }).expect(200);
      expect(july.body).toMatchObject({ status: 'accepted', overdue: true });
      const june = await ledger.http.get(`/commitments/${commitmentId}`).query({ asOfOccurred: '2026-06-30T16:30:00Z' }).expect(200);
      expect(june.body.overdue).toBe(false);
    });

    it('a role assignment reads as ended on an as-of day after its period, and active before it', async () => {
      const assignmentId = await create(ledger, '/role-assignments', {
        partnerId: ntb.pkk,
        role: 'community-mobiliser',
        agreementId: ntb.agreementId,
        validFrom: '2025-11-25',
        validUntil: '2026-03-31',
      });
      expect((await ledger.http.get(`/role-assignments/${assignmentId}`).expect(200)).body.status).toBe('active');
      const after = await ledger.http.get(`/role-assignments/${assignmentId}`).query({ asOfOccurred: '2026-04-02T00:00:00+07:00' }).expect(200);
      expect(after.body.status).toBe('ended');
    });
  });
});
