import { agreementStreamId, partnerStreamId } from '@ikrar/domain';
import { acceptCommitment, act, asPartner, create, ntbScenario, pledgeCommitment, registerPartner } from '../support/fixtures';
import { startTestLedger, TestLedger } from '../support/ledger-app';

type Scenario = Awaited<ReturnType<typeof ntbScenario>>;
const UNKNOWN_ID = '6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00';

describe('GET /audit/:entity/:id/history: the versioned record', () => {
  let ledger: TestLedger;
  let ntb: Scenario;

  beforeEach(async () => {
    ledger = await startTestLedger();
    ntb = await ntbScenario(ledger);
  });
  afterEach(async () => {
    await ledger.close();
  });

  it('lists every title an agreement ever had, with the event, times and actor that set it', async () => {
    const original = 'Kesepakatan kemitraan kesehatan masyarakat NTB';
    await act(ledger, `/agreements/${ntb.agreementId}/corrections`, { reason: 'Salah ketik pada notulen', changes: { title: 'Kesepakatan Kemitraan Kesehatan Masyarakat NTB' } }, ledger.secretariat('sekretariat-ani'));
    await act(ledger, `/agreements/${ntb.agreementId}/amendments`, { rationale: 'Adendum I: cakupan diperluas', changes: { title: 'Kesepakatan Kemitraan Kesehatan dan KB NTB', effectiveUntil: '2027-12-31' } }, ledger.secretariat('kabid-kesmas'));
    const events = await ledger.store.readStream(agreementStreamId(ntb.agreementId));

    const res = await ledger.auditor.get(`/audit/agreements/${ntb.agreementId}/history`).expect(200);
    expect(res.body).toMatchObject({ entity: 'agreements', id: ntb.agreementId, revision: 2 });
    expect(res.body.fields.title).toEqual([
      {
        value: original,
        eventId: events[0].eventId,
        eventType: 'AgreementRecorded',
        streamRevision: 0,
        recordedAt: events[0].recordedAt,
        occurredAt: events[0].metadata.occurredAt,
        actor: { userId: 'test-secretariat', role: 'secretariat' },
      },
      expect.objectContaining({ value: 'Kesepakatan Kemitraan Kesehatan Masyarakat NTB', eventId: events[1].eventId, eventType: 'AgreementCorrected', streamRevision: 1, actor: { userId: 'sekretariat-ani', role: 'secretariat' } }),
      expect.objectContaining({ value: 'Kesepakatan Kemitraan Kesehatan dan KB NTB', eventId: events[2].eventId, eventType: 'AgreementAmended', streamRevision: 2, actor: { userId: 'kabid-kesmas', role: 'secretariat' } }),
    ]);
    // A field never changed has exactly its first value; a field changed once, two.
    expect(res.body.fields.text).toHaveLength(1);
    expect(res.body.fields.effectiveUntil.map((v: { value: unknown }) => v.value)).toEqual(['2026-12-31', '2027-12-31']);
    // Null first values count too: the value the record started with.
    expect(res.body.fields.terminatedOn).toEqual([expect.objectContaining({ value: null, eventType: 'AgreementRecorded' })]);
    // Arrays are whole values.
    expect(res.body.fields.partyPartnerIds).toEqual([expect.objectContaining({ value: [ntb.dinkes, ntb.bank, ntb.pkk] })]);
    expect(res.body.fields['partyPartnerIds.0']).toBeUndefined();
    expect(res.body.fields.corrections.map((v: { value: unknown[] }) => v.value.length)).toEqual([0, 1]);
  });

  it('nested objects are dotted paths; personal data stays sealed', async () => {
    const partnerId = await registerPartner(ledger, { name: 'PT Amman Mineral', sector: 'business', contact: { email: 'csr@amman.example' } });
    await act(ledger, `/partners/${partnerId}/contact-erasure`, { reason: 'Permintaan subjek data (UU 27/2022)' });
    const res = await ledger.auditor.get(`/audit/partners/${partnerId}/history`).expect(200);
    const paths = Object.keys(res.body.fields);
    expect(paths.some((path) => path.startsWith('contact.'))).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain('csr@amman.example');
    // The erasure: the nested values disappear (null) and the contact itself becomes null, set by the erasure event.
    const contact = res.body.fields.contact;
    expect(contact[contact.length - 1]).toMatchObject({ value: null, eventType: expect.stringMatching(/Erased/) });
    for (const path of paths.filter((p) => p.startsWith('contact.'))) {
      expect(res.body.fields[path].map((v: { eventType: string }) => v.eventType)).toEqual(['PartnerRegistered', expect.stringMatching(/Erased/)]);
    }
    expect(res.body.revision).toBe((await ledger.store.readStream(partnerStreamId(partnerId))).length - 1);
  });

  it('answers for every kind of entity, with a status history', async () => {
    const commitmentId = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
    await acceptCommitment(ledger, commitmentId);
    const assignmentId = await create(ledger, '/role-assignments', { partnerId: ntb.bank, role: 'funding-supporter', agreementId: ntb.agreementId, validFrom: '2025-11-25' });
    const reportId = await create(
      ledger,
      '/reports',
      { commitmentId, periodStart: '2025-12-01', periodEnd: '2026-03-31', quantityDelivered: 1, rupiahDisbursed: 0, narrative: 'Tahap 1', evidence: [] },
      asPartner(ntb.bank),
    );
    const entities: Array<[string, string]> = [
      ['partners', ntb.bank],
      ['forums', ntb.forumId],
      ['agreements', ntb.agreementId],
      ['commitments', commitmentId],
      ['role-assignments', assignmentId],
      ['reports', reportId],
    ];
    for (const [entity, id] of entities) {
      const res = await ledger.auditor.get(`/audit/${entity}/${id}/history`).expect(200);
      expect(res.body).toMatchObject({ entity, id, revision: expect.any(Number) });
      expect(res.body.fields.status.length).toBeGreaterThanOrEqual(1);
    }
    const commitment = await ledger.auditor.get(`/audit/commitments/${commitmentId}/history`).expect(200);
    expect(commitment.body.fields.status.map((v: { value: string; eventType: string }) => [v.value, v.eventType])).toEqual([
      ['pledged', 'CommitmentPledged'],
      ['accepted', 'CommitmentAccepted'],
    ]);
    const forum = await ledger.auditor.get(`/audit/forums/${ntb.forumId}/history`).expect(200);
    expect(forum.body.fields.meetings.map((v: { value: unknown[]; eventType: string }) => [v.value.length, v.eventType])).toEqual([
      [0, 'ForumEstablished'],
      [1, 'MeetingRecorded'],
    ]);
  });

  it('404 for an unknown entity kind, an unknown id, or an id that is not one', async () => {
    await ledger.auditor.get(`/audit/meetings/${ntb.meetingId}/history`).expect(404);
    await ledger.auditor.get(`/audit/agreements/${UNKNOWN_ID}/history`).expect(404);
    await ledger.auditor.get(`/audit/agreements/agreement-ntb/history`).expect(404);
    // An id of another kind of entity names nothing here.
    await ledger.auditor.get(`/audit/commitments/${ntb.agreementId}/history`).expect(404);
  });
});
