import {
  DraftReport,
  REPORT_EVENT_SCHEMA_VERSIONS,
  REPORT_STREAM_CATEGORY,
  ReportCommand,
  ReportDrafted,
  ReportEvent,
  accountabilityReportDecider,
  initialReportState,
  reportStreamId,
} from '@ikrar/domain';
import { DeciderSpecification } from '../support/decider-spec';

const spec = () => DeciderSpecification(accountabilityReportDecider);

const reportId = 'r-1';
const partner = { userId: 'u-csr', role: 'partner' as const, partnerId: 'p-csr' };
const otherPartner = { userId: 'u-idi', role: 'partner' as const, partnerId: 'p-idi' };
const secretariat = { userId: 'u-sek', role: 'secretariat' as const };
const auditor = { userId: 'u-aud', role: 'auditor' as const };

const invoice = {
  name: 'invoice-pmt.pdf',
  sha256: 'a'.repeat(64),
  mediaType: 'application/pdf',
  sizeBytes: 120_431,
};
const photo = { name: 'handover.jpg', sha256: '0123456789abcdef'.repeat(4), mediaType: 'image/jpeg', sizeBytes: 0 };

function draft(overrides: Partial<DraftReport['data']> = {}): ReportCommand {
  return {
    type: 'DraftReport',
    data: {
      reportId,
      commitmentId: 'c-1',
      periodStart: '2025-01-01',
      periodEnd: '2025-03-31',
      quantityDelivered: 100,
      rupiahDisbursed: 25_000_000,
      narrative: 'First 100 PMT packages handed over at Puskesmas Ampenan',
      evidence: [invoice],
      actor: partner,
      today: '2025-04-02',
      commitment: { status: 'accepted', partnerId: 'p-csr', forumId: 'f-ntb', startDate: '2025-01-01', dueDate: '2025-06-30' },
      ...overrides,
    },
  };
}

const drafted: ReportDrafted = {
  type: 'ReportDrafted',
  data: {
    reportId,
    commitmentId: 'c-1',
    forumId: 'f-ntb',
    partnerId: 'p-csr',
    periodStart: '2025-01-01',
    periodEnd: '2025-03-31',
    quantityDelivered: 100,
    rupiahDisbursed: 25_000_000,
    narrative: 'First 100 PMT packages handed over at Puskesmas Ampenan',
    evidence: [invoice],
    draftedBy: partner,
  },
};
const submitted: ReportEvent = { type: 'ReportSubmitted', data: { reportId, submissionNumber: 1, submittedBy: partner } };
const returned: ReportEvent = {
  type: 'ReportReturned',
  data: { reportId, comments: 'Attach the handover photo', reviewedBy: secretariat },
};
const acceptedReport: ReportEvent = {
  type: 'ReportAccepted',
  data: { reportId, commitmentId: 'c-1', partnerId: 'p-csr', quantityDelivered: 100, rupiahDisbursed: 25_000_000, reviewedBy: secretariat },
};

const submit = (changes: Extract<ReportCommand, { type: 'SubmitReport' }>['data']['changes'] = null, actor = partner): ReportCommand => ({
  type: 'SubmitReport',
  data: { reportId, changes, actor },
});

describe('Accountability report decider', () => {
  describe('stream and schema', () => {
    it('lives in report-<id> streams and every event is at schema version 1', () => {
      expect(REPORT_STREAM_CATEGORY).toBe('report');
      expect(reportStreamId('r-1')).toBe('report-r-1');
      expect(REPORT_EVENT_SCHEMA_VERSIONS).toEqual({
        ReportDrafted: 1,
        ReportRevised: 1,
        ReportSubmitted: 1,
        ReportReturned: 1,
        ReportAccepted: 1,
      });
    });
  });

  describe('drafting', () => {
    it('a partner drafts a report on its own accepted commitment', () => {
      spec().given().when(draft()).then(drafted);
    });

    it('the secretariat may draft on behalf of the partner, and a draft may have no evidence yet', () => {
      spec()
        .given()
        .when(draft({ actor: secretariat, evidence: [] }))
        .then({ ...drafted, data: { ...drafted.data, evidence: [], draftedBy: secretariat } });
    });

    it('a report is drafted only once', () => {
      spec().given(drafted).when(draft()).thenRejects('report-already-drafted');
    });

    it('reports are only on accepted commitments', () => {
      spec()
        .given()
        .when(draft({ commitment: { status: 'pledged', partnerId: 'p-csr', forumId: 'f-ntb', startDate: '2025-01-01', dueDate: '2025-06-30' } }))
        .thenRejects('commitment-not-accepted');
    });

    it("a partner cannot report on another partner's commitment", () => {
      spec().given().when(draft({ actor: otherPartner })).thenRejects('report-by-other-partner');
    });

    it('an auditor only reads the ledger', () => {
      spec().given().when(draft({ actor: auditor })).thenRejects('auditor-read-only');
    });

    it('the period does not end before it starts', () => {
      spec().given().when(draft({ periodStart: '2025-04-01', periodEnd: '2025-03-31' })).thenRejects('report-period-invalid');
    });

    it("the period lies within the commitment's term", () => {
      spec().given().when(draft({ periodStart: '2024-12-01' })).thenRejects('report-period-outside-commitment-term');
      spec()
        .given()
        .when(draft({ periodEnd: '2025-07-31', today: '2025-08-01' }))
        .thenRejects('report-period-outside-commitment-term');
    });

    it('no actuals dated in the future: the period has started by today', () => {
      spec().given().when(draft({ periodStart: '2025-04-03', periodEnd: '2025-04-30' })).thenRejects('date-in-future');
    });

    it('amounts are non-negative integers', () => {
      spec().given().when(draft({ quantityDelivered: -1 })).thenRejects('quantity-invalid');
      spec().given().when(draft({ quantityDelivered: 2.5 })).thenRejects('quantity-invalid');
      spec().given().when(draft({ rupiahDisbursed: 1_000.5 })).thenRejects('rupiah-disbursed-invalid');
      spec().given().when(draft({ rupiahDisbursed: -5 })).thenRejects('rupiah-disbursed-invalid');
    });

    it('a report needs a narrative', () => {
      spec().given().when(draft({ narrative: '   ' })).thenRejects('narrative-required');
    });

    it('evidence is kept by content hash and must be well formed', () => {
      spec().given().when(draft({ evidence: [photo] })).then({ ...drafted, data: { ...drafted.data, evidence: [photo] } });
      spec().given().when(draft({ evidence: [{ ...invoice, sha256: 'A'.repeat(64) }] })).thenRejects('evidence-invalid');
      spec().given().when(draft({ evidence: [{ ...invoice, sha256: 'a'.repeat(63) }] })).thenRejects('evidence-invalid');
      spec().given().when(draft({ evidence: [{ ...invoice, mediaType: 'pdf' }] })).thenRejects('evidence-invalid');
      spec().given().when(draft({ evidence: [{ ...invoice, sizeBytes: -1 }] })).thenRejects('evidence-invalid');
      spec().given().when(draft({ evidence: [{ ...invoice, name: '' }] })).thenRejects('evidence-invalid');
    });
  });

  describe('submitting', () => {
    it('a draft is submitted as submission number 1', () => {
      spec().given(drafted).when(submit()).then(submitted);
    });

    it('submitting with changes records a revision first, with the values it replaced', () => {
      spec()
        .given(drafted)
        .when(submit({ quantityDelivered: 110, narrative: drafted.data.narrative, evidence: [invoice, photo] }))
        .then(
          {
            type: 'ReportRevised',
            data: {
              reportId,
              changes: { quantityDelivered: 110, evidence: [invoice, photo] },
              previous: { quantityDelivered: 100, evidence: [invoice] },
            },
          },
          submitted,
        );
    });

    it('changes that repeat what is recorded are no revision', () => {
      spec().given(drafted).when(submit({ quantityDelivered: 100, evidence: [invoice] })).then(submitted);
    });

    it('a resubmission after a return gets the next submission number', () => {
      spec()
        .given(drafted, submitted, returned)
        .when(submit())
        .then({ type: 'ReportSubmitted', data: { reportId, submissionNumber: 2, submittedBy: partner } });
    });

    it('only a draft or a returned report can be submitted', () => {
      spec().given(drafted, submitted).when(submit()).thenRejects('report-not-submittable');
      spec().given(drafted, submitted, acceptedReport).when(submit()).thenRejects('report-not-submittable');
    });

    it('a report never drafted is not found', () => {
      spec().given().when(submit()).thenRejects('report-not-found');
    });

    it("a partner cannot submit another partner's report", () => {
      spec().given(drafted).when(submit(null, otherPartner)).thenRejects('report-by-other-partner');
    });

    it('revised fields obey the drafting rules', () => {
      spec().given(drafted).when(submit({ quantityDelivered: -1 })).thenRejects('quantity-invalid');
      spec().given(drafted).when(submit({ rupiahDisbursed: 0.5 })).thenRejects('rupiah-disbursed-invalid');
      spec().given(drafted).when(submit({ narrative: '' })).thenRejects('narrative-required');
      spec()
        .given(drafted)
        .when(submit({ evidence: [{ ...invoice, mediaType: 'application' }] }))
        .thenRejects('evidence-invalid');
    });
  });

  describe('reviewing', () => {
    const returnReport = (actor: typeof secretariat | typeof partner | typeof auditor = secretariat, comments = 'Attach the handover photo'): ReportCommand => ({
      type: 'ReturnReport',
      data: { reportId, comments, actor },
    });
    const acceptReport = (actor: typeof secretariat | typeof partner | typeof auditor = secretariat): ReportCommand => ({
      type: 'AcceptReport',
      data: { reportId, actor },
    });

    it('the secretariat returns a submitted report for revision with comments', () => {
      spec().given(drafted, submitted).when(returnReport()).then(returned);
    });

    it('returning needs comments', () => {
      spec().given(drafted, submitted).when(returnReport(secretariat, ' ')).thenRejects('comments-required');
    });

    it('only a submitted report can be reviewed', () => {
      spec().given(drafted).when(returnReport()).thenRejects('report-not-submitted');
      spec().given(drafted).when(acceptReport()).thenRejects('report-not-submitted');
      spec().given(drafted, submitted, returned).when(acceptReport()).thenRejects('report-not-submitted');
    });

    it('a partner cannot review reports, not even its own', () => {
      spec().given(drafted, submitted).when(returnReport(partner)).thenRejects('review-requires-secretariat');
      spec().given(drafted, submitted).when(acceptReport(partner)).thenRejects('review-requires-secretariat');
    });

    it('an auditor cannot review reports', () => {
      spec().given(drafted, submitted).when(acceptReport(auditor)).thenRejects('auditor-read-only');
      spec().given(drafted, submitted).when(returnReport(auditor)).thenRejects('auditor-read-only');
    });

    it('an auditor cannot submit a report either: every report command by an auditor is refused', () => {
      spec().given(drafted).when(submit(null, auditor as never)).thenRejects('auditor-read-only');
    });

    it('accepting carries the amounts that count toward fulfilment', () => {
      spec().given(drafted, submitted).when(acceptReport()).then(acceptedReport);
    });

    it('accepting counts the amounts as revised, not as drafted', () => {
      spec()
        .given(
          drafted,
          submitted,
          returned,
          { type: 'ReportRevised', data: { reportId, changes: { quantityDelivered: 90 }, previous: { quantityDelivered: 100 } } },
          { type: 'ReportSubmitted', data: { reportId, submissionNumber: 2, submittedBy: partner } },
        )
        .when(acceptReport())
        .then({ ...acceptedReport, data: { ...acceptedReport.data, quantityDelivered: 90 } } as ReportEvent);
    });
  });

  describe('state', () => {
    it('draft, submit, return, resubmit with changes, accept: the state keeps who did what', () => {
      spec()
        .given(
          drafted,
          submitted,
          returned,
          {
            type: 'ReportRevised',
            data: { reportId, changes: { evidence: [invoice, photo] }, previous: { evidence: [invoice] } },
          },
          { type: 'ReportSubmitted', data: { reportId, submissionNumber: 2, submittedBy: partner } },
          acceptedReport,
        )
        .thenState((state) => {
          expect(state).toMatchObject({
            status: 'accepted',
            reportId,
            commitmentId: 'c-1',
            partnerId: 'p-csr',
            quantityDelivered: 100,
            submissionNumber: 2,
            draftedBy: partner,
            submittedBy: partner,
            reviewedBy: secretariat,
          });
          expect(state.evidence).toEqual([invoice, photo]);
          expect(state.returns).toEqual([{ comments: 'Attach the handover photo', reviewedBy: secretariat }]);
          expect(state.revisions).toEqual([{ changes: { evidence: [invoice, photo] }, previous: { evidence: [invoice] } }]);
        });
    });

    it('a returned report is returned until resubmitted', () => {
      spec()
        .given(drafted, submitted, returned)
        .thenState((state) => {
          expect(state.status).toBe('returned');
          expect(state.submissionNumber).toBe(1);
        });
    });

    it('evolve is total: an unknown event leaves the state unchanged', () => {
      const state = accountabilityReportDecider.evolve(initialReportState(), drafted);
      expect(accountabilityReportDecider.evolve(state, { type: 'ReportShredded', data: {} } as unknown as ReportEvent)).toBe(state);
      expect(accountabilityReportDecider.evolve(state, null as unknown as ReportEvent)).toBe(state);
    });
  });
});
