import { headPosition, ntbScenario, pledgeCommitment } from '../support/fixtures';
import { fixedClock, startTestLedger, TestLedger } from '../support/ledger-app';

describe('GET /projections and minPosition', () => {
  describe('with the projector running inline (the default)', () => {
    let ledger: TestLedger;
    beforeAll(async () => {
      ledger = await startTestLedger({ clock: fixedClock('2026-04-15T03:00:00Z') });
      const ntb = await ntbScenario(ledger);
      await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
    });
    afterAll(async () => {
      await ledger.close();
    });

    it("shows each projection caught up with the log's head, without failures", async () => {
      const head = await headPosition(ledger);
      const { body } = await ledger.http.get(`/projections?minPosition=${head}`).expect(200);
      expect(body.map((p: { projection: string }) => p.projection).sort()).toEqual(['ledger', 'roles']);
      for (const projection of body) {
        expect(projection).toMatchObject({ position: head, headPosition: head, lag: 0, failures: 0 });
      }
    });

    it('answers 503 with Retry-After: 1 for a position the log has not reached', async () => {
      const res = await ledger.http.get('/projections?minPosition=900000000000').expect(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toMatchObject({ type: 'urn:ikrar:problem:projection-behind', status: 503 });
    });

    it('refuses unknown and malformed parameters with 400', async () => {
      expect((await ledger.http.get('/projections?projection=ledger').expect(400)).body.errors.map((e: { field: string }) => e.field)).toEqual(['projection']);
      expect((await ledger.http.get('/projections?minPosition=1.5').expect(400)).body.errors.map((e: { field: string }) => e.field)).toEqual(['minPosition']);
    });
  });

  describe('with the projector off (another process projects)', () => {
    let ledger: TestLedger;
    beforeAll(async () => {
      ledger = await startTestLedger({ projector: 'off' });
      await ntbScenario(ledger);
    });
    afterAll(async () => {
      await ledger.close();
    });

    it('reports the lag of projections that have not started', async () => {
      const head = await headPosition(ledger);
      const { body } = await ledger.http.get('/projections').expect(200);
      for (const projection of body) expect(projection).toMatchObject({ position: null, headPosition: head, lag: head });
    });

    it('answers 503 instead of stale data when asked to read a write it has not projected', async () => {
      const res = await ledger.http.get(`/commitments?minPosition=${await headPosition(ledger)}`).expect(503);
      expect(res.headers['retry-after']).toBe('1');
    });

    it('answers from the read models as they are when no minPosition is given', async () => {
      const { body } = await ledger.http.get('/commitments').expect(200);
      expect(body).toEqual({ items: [], nextCursor: null });
    });
  });
});
