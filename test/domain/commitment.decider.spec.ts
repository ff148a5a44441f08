import {
  COMMITMENT_EVENT_SCHEMA_VERSIONS,
  COMMITMENT_STREAM_CATEGORY,
  CommitmentCommand,
  CommitmentEvent,
  CommitmentPledged,
  PledgeCommitment,
  commitmentDecider,
  commitmentStreamId,
  initialCommitmentState,
} from '@ikrar/domain';
import { DeciderSpecification } from '../support/decider-spec';

const spec = () => DeciderSpecification(commitmentDecider);

const commitmentId = 'c-1';
const secretariat = { userId: 'u-sek', role: 'secretariat' as const };
const ownPartner = { userId: 'u-csr', role: 'partner' as const, partnerId: 'p-csr' };
const otherPartner = { userId: 'u-idi', role: 'partner' as const, partnerId: 'p-idi' };
const auditor = { userId: 'u-aud', role: 'auditor' as const };

const agreement: PledgeCommitment['data']['agreement'] = {
  status: 'in-force',
  forumId: 'f-ntb',
  partyPartnerIds: ['p-dinkes', 'p-csr'],
  effectiveFrom: '2025-01-01',
  effectiveUntil: '2025-12-31',
};

function pledge(overrides: Partial<PledgeCommitment['data']> = {}): CommitmentCommand {
  return {
    type: 'PledgeCommitment',
    data: {
      commitmentId,
      agreementId: 'a-1',
      partnerId: 'p-csr',
      description: 'PMT for pregnant women with chronic energy deficiency',
      resourceType: 'funds',
      quantity: 200,
      unit: 'package',
      valueRupiah: 50_000_000,
      regionCode: '52.71',
      programme: 'stunting',
      startDate: null,
      dueDate: '2025-06-30',
      milestones: [
        { milestoneId: 'm-1', title: 'First 100 packages delivered', dueDate: '2025-03-31' },
        { milestoneId: 'm-2', title: 'All packages delivered', dueDate: '2025-06-30' },
      ],
      agreement,
      actor: secretariat,
      ...overrides,
    },
  };
}

const pledged: CommitmentPledged = {
  type: 'CommitmentPledged',
  data: {
    commitmentId,
    agreementId: 'a-1',
    forumId: 'f-ntb',
    partnerId: 'p-csr',
    description: 'PMT for pregnant women with chronic energy deficiency',
    resourceType: 'funds',
    quantity: 200,
    unit: 'package',
    valueRupiah: 50_000_000,
    regionCode: '52.71',
    programme: 'stunting',
    startDate: '2025-01-01',
    dueDate: '2025-06-30',
    milestones: [
      { milestoneId: 'm-1', title: 'First 100 packages delivered', dueDate: '2025-03-31' },
      { milestoneId: 'm-2', title: 'All packages delivered', dueDate: '2025-06-30' },
    ],
  },
};
const accepted: CommitmentEvent = { type: 'CommitmentAccepted', data: { commitmentId, acceptedOn: '2025-01-10' } };
const withdrawn: CommitmentEvent = {
  type: 'CommitmentWithdrawn',
  data: { commitmentId, reason: 'Budget cut', withdrawnBy: ownPartner },
};
const fulfilled: CommitmentEvent = {
  type: 'CommitmentClosed',
  data: { commitmentId, outcome: 'fulfilled', note: 'All delivered', closedOn: '2025-07-01' },
};

function amend(changes: Extract<CommitmentCommand, { type: 'AmendCommitment' }>['data']['changes'], extra = {}): CommitmentCommand {
  return { type: 'AmendCommitment', data: { commitmentId, rationale: 'Adendum 1', changes, actor: secretariat, ...extra } };
}

describe('Commitment decider', () => {
  describe('stream and schema', () => {
    it('lives in commitment-<id> streams and every event is at schema version 1', () => {
      expect(COMMITMENT_STREAM_CATEGORY).toBe('commitment');
      expect(commitmentStreamId('c-1')).toBe('commitment-c-1');
      expect(Object.values(COMMITMENT_EVENT_SCHEMA_VERSIONS).every((version) => version === 1)).toBe(true);
      expect(Object.keys(COMMITMENT_EVENT_SCHEMA_VERSIONS)).toHaveLength(8);
    });
  });

  describe('pledging', () => {
    it('a partner party to an agreement in force pledges; the start date defaults to the agreement start', () => {
      spec().given().when(pledge({ actor: ownPartner })).then(pledged);
    });

    it('an explicit start date is kept', () => {
      spec()
        .given()
        .when(pledge({ startDate: '2025-02-01', milestones: [] }))
        .then({ ...pledged, data: { ...pledged.data, startDate: '2025-02-01', milestones: [] } });
    });

    it('a commitment is pledged only once', () => {
      spec().given(pledged).when(pledge()).thenRejects('commitment-already-pledged');
    });

    it('a commitment needs an agreement in force', () => {
      spec().given().when(pledge({ agreement: { ...agreement, status: 'terminated' } })).thenRejects('agreement-not-in-force');
      spec().given().when(pledge({ agreement: { ...agreement, status: 'unrecorded' } })).thenRejects('agreement-not-in-force');
    });

    it('only a party to the agreement may pledge under it', () => {
      spec().given().when(pledge({ partnerId: 'p-idi' })).thenRejects('partner-not-party-to-agreement');
    });

    it('a commitment needs a description and a unit', () => {
      spec().given().when(pledge({ description: '  ' })).thenRejects('description-required');
      spec().given().when(pledge({ unit: '' })).thenRejects('unit-required');
    });

    it('the resource type and the programme must be known', () => {
      spec()
        .given()
        .when(pledge({ resourceType: 'cash' as never }))
        .thenRejects('resource-type-unknown');
      spec()
        .given()
        .when(pledge({ programme: 'malaria' as never }))
        .thenRejects('programme-unknown');
    });

    it('the quantity is a positive integer', () => {
      spec().given().when(pledge({ quantity: 0 })).thenRejects('quantity-invalid');
      spec().given().when(pledge({ quantity: 1.5 })).thenRejects('quantity-invalid');
    });

    it('the value is whole rupiah, never a fraction or a negative', () => {
      spec().given().when(pledge({ valueRupiah: 1000.5 })).thenRejects('value-rupiah-invalid');
      spec().given().when(pledge({ valueRupiah: -1 })).thenRejects('value-rupiah-invalid');
      spec()
        .given()
        .when(pledge({ valueRupiah: '1000' as never }))
        .thenRejects('value-rupiah-invalid');
    });

    it('the location is a well-formed region code', () => {
      spec().given().when(pledge({ regionCode: 'NTB' })).thenRejects('region-code-invalid');
    });

    it('dates are real calendar dates', () => {
      spec().given().when(pledge({ dueDate: '2025-02-30' })).thenRejects('date-invalid');
    });

    it('the start date is not after the due date', () => {
      spec()
        .given()
        .when(pledge({ startDate: '2025-07-01', milestones: [] }))
        .thenRejects('commitment-term-invalid');
    });

    it("the commitment's term lies inside the agreement's term", () => {
      spec()
        .given()
        .when(pledge({ startDate: '2024-12-31' }))
        .thenRejects('commitment-term-outside-agreement');
      spec()
        .given()
        .when(pledge({ dueDate: '2026-01-31' }))
        .thenRejects('commitment-term-outside-agreement');
    });

    it('an open-ended agreement accepts any due date after its start', () => {
      spec()
        .given()
        .when(pledge({ dueDate: '2030-12-31', agreement: { ...agreement, effectiveUntil: null } }))
        .then({ ...pledged, data: { ...pledged.data, dueDate: '2030-12-31' } });
    });

    it("milestones fall due within the commitment's term", () => {
      spec()
        .given()
        .when(pledge({ milestones: [{ milestoneId: 'm-1', title: 'Late', dueDate: '2025-07-01' }] }))
        .thenRejects('milestone-due-outside-term');
      spec()
        .given()
        .when(pledge({ startDate: '2025-02-01', milestones: [{ milestoneId: 'm-1', title: 'Early', dueDate: '2025-01-15' }] }))
        .thenRejects('milestone-due-outside-term');
    });

    it('milestone ids are unique and every milestone has a title', () => {
      spec()
        .given()
        .when(
          pledge({
            milestones: [
              { milestoneId: 'm-1', title: 'One', dueDate: '2025-03-31' },
              { milestoneId: 'm-1', title: 'Two', dueDate: '2025-04-30' },
            ],
          }),
        )
        .thenRejects('milestones-invalid');
      spec()
        .given()
        .when(pledge({ milestones: [{ milestoneId: 'm-1', title: ' ', dueDate: '2025-03-31' }] }))
        .thenRejects('milestone-title-required');
    });
  });

  describe('accepting', () => {
    it('a pledged commitment is accepted', () => {
      spec()
        .given(pledged)
        .when({ type: 'AcceptCommitment', data: { commitmentId, acceptedOn: '2025-01-10', actor: secretariat } })
        .then(accepted);
    });

    it('only a pledged commitment can be accepted', () => {
      spec()
        .given(pledged, accepted)
        .when({ type: 'AcceptCommitment', data: { commitmentId, acceptedOn: '2025-01-11', actor: secretariat } })
        .thenRejects('commitment-not-pledged');
      spec()
        .given(pledged, withdrawn)
        .when({ type: 'AcceptCommitment', data: { commitmentId, acceptedOn: '2025-01-11', actor: secretariat } })
        .thenRejects('commitment-not-pledged');
    });

    it('a commitment that was never pledged is not found', () => {
      spec()
        .given()
        .when({ type: 'AcceptCommitment', data: { commitmentId, acceptedOn: '2025-01-10', actor: secretariat } })
        .thenRejects('commitment-not-found');
    });
  });

  describe('amending', () => {
    it('a reduction is recorded as a reduction, not an overwrite', () => {
      spec()
        .given(pledged, accepted)
        .when(amend({ quantity: 150 }))
        .then({
          type: 'CommitmentReduced',
          data: {
            commitmentId,
            rationale: 'Adendum 1',
            quantityReducedBy: 50,
            valueRupiahReducedBy: 0,
            quantity: 150,
            valueRupiah: 50_000_000,
          },
        });
    });

    it('a lower value alone is a reduction too', () => {
      spec()
        .given(pledged)
        .when(amend({ valueRupiah: 40_000_000, quantity: 200 }))
        .then({
          type: 'CommitmentReduced',
          data: {
            commitmentId,
            rationale: 'Adendum 1',
            quantityReducedBy: 0,
            valueRupiahReducedBy: 10_000_000,
            quantity: 200,
            valueRupiah: 40_000_000,
          },
        });
    });

    it('an increase is an amendment that keeps the previous value', () => {
      spec()
        .given(pledged, accepted)
        .when(amend({ quantity: 250, valueRupiah: 60_000_000 }))
        .then({
          type: 'CommitmentAmended',
          data: {
            commitmentId,
            rationale: 'Adendum 1',
            changes: { quantity: 250, valueRupiah: 60_000_000 },
            previous: { quantity: 200, valueRupiah: 50_000_000 },
          },
        });
    });

    it('a reduction comes first, then one amendment with every other changed field', () => {
      spec()
        .given(pledged, accepted)
        .when(amend({ quantity: 100, valueRupiah: 55_000_000, unit: 'box', dueDate: '2025-09-30', description: pledged.data.description }))
        .then(
          {
            type: 'CommitmentReduced',
            data: {
              commitmentId,
              rationale: 'Adendum 1',
              quantityReducedBy: 100,
              valueRupiahReducedBy: 0,
              quantity: 100,
              valueRupiah: 50_000_000,
            },
          },
          {
            type: 'CommitmentAmended',
            data: {
              commitmentId,
              rationale: 'Adendum 1',
              changes: { unit: 'box', valueRupiah: 55_000_000, dueDate: '2025-09-30' },
              previous: { unit: 'package', valueRupiah: 50_000_000, dueDate: '2025-06-30' },
            },
          },
        );
    });

    it('an amendment that changes nothing is refused', () => {
      spec()
        .given(pledged)
        .when(amend({ quantity: 200, valueRupiah: 50_000_000, unit: 'package', description: pledged.data.description }))
        .thenRejects('no-changes');
      spec().given(pledged).when(amend({})).thenRejects('no-changes');
    });

    it('an amendment needs a rationale', () => {
      spec()
        .given(pledged)
        .when({ type: 'AmendCommitment', data: { commitmentId, rationale: ' ', changes: { quantity: 100 }, actor: secretariat } })
        .thenRejects('rationale-required');
    });

    it('a withdrawn or closed commitment cannot be amended', () => {
      spec().given(pledged, withdrawn).when(amend({ quantity: 100 })).thenRejects('commitment-closed');
      spec().given(pledged, accepted, fulfilled).when(amend({ quantity: 100 })).thenRejects('commitment-closed');
    });

    it('an amendment obeys the pledge field rules', () => {
      spec().given(pledged).when(amend({ quantity: 0 })).thenRejects('quantity-invalid');
      spec().given(pledged).when(amend({ valueRupiah: 1.25 })).thenRejects('value-rupiah-invalid');
      spec().given(pledged).when(amend({ description: '' })).thenRejects('description-required');
      spec().given(pledged).when(amend({ unit: ' ' })).thenRejects('unit-required');
      spec().given(pledged).when(amend({ dueDate: '2024-12-31' })).thenRejects('commitment-term-invalid');
    });

    it('a new due date is not before any milestone', () => {
      spec().given(pledged).when(amend({ dueDate: '2025-05-31' })).thenRejects('milestone-due-outside-term');
    });

    it("when the handler passes the agreement's term, a new due date stays inside it", () => {
      spec()
        .given(pledged)
        .when(amend({ dueDate: '2026-03-31' }, { agreement: { effectiveFrom: '2025-01-01', effectiveUntil: '2025-12-31' } }))
        .thenRejects('commitment-term-outside-agreement');
    });

    it('the state keeps the current totals and both histories', () => {
      spec()
        .given(
          pledged,
          {
            type: 'CommitmentReduced',
            data: { commitmentId, rationale: 'Adendum 1', quantityReducedBy: 50, valueRupiahReducedBy: 0, quantity: 150, valueRupiah: 50_000_000 },
          },
          {
            type: 'CommitmentAmended',
            data: { commitmentId, rationale: 'Adendum 1', changes: { unit: 'box' }, previous: { unit: 'package' } },
          },
        )
        .thenState((state) => {
          expect(state.quantity).toBe(150);
          expect(state.valueRupiah).toBe(50_000_000);
          expect(state.unit).toBe('box');
          expect(state.reductions).toEqual([
            { rationale: 'Adendum 1', quantityReducedBy: 50, valueRupiahReducedBy: 0, quantity: 150, valueRupiah: 50_000_000 },
          ]);
          expect(state.amendments).toEqual([{ rationale: 'Adendum 1', changes: { unit: 'box' }, previous: { unit: 'package' } }]);
        });
    });
  });

  describe('milestones', () => {
    const markMet = (overrides: Partial<Extract<CommitmentCommand, { type: 'MarkMilestoneMet' }>['data']> = {}): CommitmentCommand => ({
      type: 'MarkMilestoneMet',
      data: { commitmentId, milestoneId: 'm-1', metOn: '2025-03-20', note: 'Handed over at Puskesmas', today: '2025-03-21', actor: secretariat, ...overrides },
    });

    it('a milestone of an accepted commitment is marked met', () => {
      spec()
        .given(pledged, accepted)
        .when(markMet())
        .then({
          type: 'CommitmentMilestoneMet',
          data: { commitmentId, milestoneId: 'm-1', metOn: '2025-03-20', note: 'Handed over at Puskesmas' },
        });
    });

    it('a milestone can be met today, without a note', () => {
      spec()
        .given(pledged, accepted)
        .when(markMet({ metOn: '2025-03-21', note: null }))
        .then({ type: 'CommitmentMilestoneMet', data: { commitmentId, milestoneId: 'm-1', metOn: '2025-03-21', note: null } });
    });

    it('milestones are met only on an accepted commitment', () => {
      spec().given(pledged).when(markMet()).thenRejects('commitment-not-accepted');
    });

    it('the milestone must be part of the commitment', () => {
      spec().given(pledged, accepted).when(markMet({ milestoneId: 'm-9' })).thenRejects('milestone-not-found');
    });

    it('a milestone is met only once', () => {
      spec()
        .given(pledged, accepted, {
          type: 'CommitmentMilestoneMet',
          data: { commitmentId, milestoneId: 'm-1', metOn: '2025-03-20', note: null },
        })
        .when(markMet({ metOn: '2025-03-21' }))
        .thenRejects('milestone-already-met');
    });

    it('a milestone cannot be met in the future', () => {
      spec().given(pledged, accepted).when(markMet({ metOn: '2025-03-22' })).thenRejects('date-in-future');
    });
  });

  describe('withdrawing', () => {
    const withdraw = (actor: typeof secretariat | typeof ownPartner | typeof auditor, reason = 'Budget cut'): CommitmentCommand => ({
      type: 'WithdrawCommitment',
      data: { commitmentId, reason, actor },
    });

    it('a partner withdraws its own pledge, and who withdrew it is recorded', () => {
      spec().given(pledged).when(withdraw(ownPartner)).then(withdrawn);
    });

    it('the secretariat may withdraw an accepted commitment on behalf of the partner', () => {
      spec()
        .given(pledged, accepted)
        .when(withdraw(secretariat))
        .then({ type: 'CommitmentWithdrawn', data: { commitmentId, reason: 'Budget cut', withdrawnBy: secretariat } });
    });

    it("a partner cannot withdraw another partner's pledge", () => {
      spec().given(pledged).when(withdraw(otherPartner)).thenRejects('withdrawal-by-other-partner');
    });

    it('withdrawing needs a reason', () => {
      spec().given(pledged).when(withdraw(ownPartner, ' ')).thenRejects('reason-required');
    });

    it('a closed commitment cannot be withdrawn', () => {
      spec().given(pledged, accepted, fulfilled).when(withdraw(ownPartner)).thenRejects('commitment-closed');
      spec().given(pledged, withdrawn).when(withdraw(ownPartner)).thenRejects('commitment-closed');
    });

    it('an auditor only reads the ledger', () => {
      spec().given(pledged).when(withdraw(auditor)).thenRejects('auditor-read-only');
    });

    it('the actor must be well formed', () => {
      spec()
        .given(pledged)
        .when({ type: 'WithdrawCommitment', data: { commitmentId, reason: 'x', actor: { userId: 'u', role: 'partner' } } })
        .thenRejects('actor-invalid');
    });
  });

  describe('cancelling', () => {
    const cancel = (actor: typeof secretariat | typeof ownPartner, reason = 'Partner dissolved'): CommitmentCommand => ({
      type: 'CancelCommitment',
      data: { commitmentId, reason, actor },
    });

    it('the secretariat cancels a commitment', () => {
      spec()
        .given(pledged, accepted)
        .when(cancel(secretariat))
        .then({ type: 'CommitmentCancelled', data: { commitmentId, reason: 'Partner dissolved', cancelledBy: secretariat } });
    });

    it('a partner cannot cancel, not even its own commitment', () => {
      spec().given(pledged).when(cancel(ownPartner)).thenRejects('cancellation-requires-secretariat');
    });

    it('cancelling needs a reason', () => {
      spec().given(pledged).when(cancel(secretariat, '')).thenRejects('reason-required');
    });

    it('a closed commitment cannot be cancelled', () => {
      spec().given(pledged, withdrawn).when(cancel(secretariat)).thenRejects('commitment-closed');
    });
  });

  describe('closing', () => {
    const close = (overrides: Partial<Extract<CommitmentCommand, { type: 'CloseCommitment' }>['data']> = {}): CommitmentCommand => ({
      type: 'CloseCommitment',
      data: { commitmentId, outcome: 'fulfilled', note: 'All delivered', closedOn: '2025-07-01', actor: secretariat, ...overrides },
    });

    it('an accepted commitment is closed as fulfilled or partially fulfilled', () => {
      spec().given(pledged, accepted).when(close()).then(fulfilled);
      spec()
        .given(pledged, accepted)
        .when(close({ outcome: 'partially-fulfilled', note: '150 of 200' }))
        .then({
          type: 'CommitmentClosed',
          data: { commitmentId, outcome: 'partially-fulfilled', note: '150 of 200', closedOn: '2025-07-01' },
        });
    });

    it('only an accepted commitment can be closed', () => {
      spec().given(pledged).when(close()).thenRejects('commitment-not-accepted');
      spec().given(pledged, accepted, fulfilled).when(close()).thenRejects('commitment-not-accepted');
    });

    it('the outcome must be known', () => {
      spec()
        .given(pledged, accepted)
        .when(close({ outcome: 'done' as never }))
        .thenRejects('outcome-unknown');
    });

    it('closing needs a note', () => {
      spec().given(pledged, accepted).when(close({ note: '  ' })).thenRejects('note-required');
    });
  });

  describe('who may write', () => {
    const accept = (actor: unknown): CommitmentCommand =>
      ({ type: 'AcceptCommitment', data: { commitmentId, acceptedOn: '2025-01-10', actor } }) as CommitmentCommand;
    const markMet = (actor: unknown): CommitmentCommand =>
      ({ type: 'MarkMilestoneMet', data: { commitmentId, milestoneId: 'm-1', metOn: '2025-03-20', note: null, today: '2025-03-21', actor } }) as CommitmentCommand;
    const close = (actor: unknown): CommitmentCommand =>
      ({ type: 'CloseCommitment', data: { commitmentId, outcome: 'fulfilled', note: 'All delivered', closedOn: '2025-07-01', actor } }) as CommitmentCommand;
    const cancel = (actor: unknown): CommitmentCommand =>
      ({ type: 'CancelCommitment', data: { commitmentId, reason: 'Partner dissolved', actor } }) as CommitmentCommand;

    it('a partner pledges for itself', () => {
      spec().given().when(pledge({ actor: ownPartner })).then(pledged);
    });

    it('a partner user cannot pledge for another partner (pledge-by-other-partner)', () => {
      spec().given().when(pledge({ actor: otherPartner })).thenRejects('pledge-by-other-partner');
      spec()
        .given()
        .when(pledge({ actor: otherPartner, agreement: { ...agreement, partyPartnerIds: ['p-csr', 'p-idi'] } }))
        .thenRejects('pledge-by-other-partner');
    });

    it("the secretariat may record a pledge on a partner's behalf", () => {
      spec().given().when(pledge({ actor: secretariat })).then(pledged);
    });

    it('an auditor writes nothing: every commitment command is refused with auditor-read-only', () => {
      spec().given().when(pledge({ actor: auditor })).thenRejects('auditor-read-only');
      spec().given(pledged).when(accept(auditor)).thenRejects('auditor-read-only');
      spec().given(pledged).when(amend({ quantity: 150 }, { actor: auditor })).thenRejects('auditor-read-only');
      spec().given(pledged, accepted).when(markMet(auditor)).thenRejects('auditor-read-only');
      spec().given(pledged, accepted).when(close(auditor)).thenRejects('auditor-read-only');
      spec().given(pledged).when(cancel(auditor)).thenRejects('auditor-read-only');
      spec()
        .given(pledged)
        .when({ type: 'WithdrawCommitment', data: { commitmentId, reason: 'x', actor: auditor } } as CommitmentCommand)
        .thenRejects('auditor-read-only');
    });

    it('a partner user, even the pledging one, cannot accept, amend, mark a milestone met or close a commitment', () => {
      spec().given(pledged).when(accept(ownPartner)).thenRejects('commitment-review-requires-secretariat');
      spec().given(pledged).when(amend({ quantity: 150 }, { actor: ownPartner })).thenRejects('commitment-review-requires-secretariat');
      spec().given(pledged, accepted).when(markMet(ownPartner)).thenRejects('commitment-review-requires-secretariat');
      spec().given(pledged, accepted).when(close(ownPartner)).thenRejects('commitment-review-requires-secretariat');
    });

    it('a malformed actor is refused before anything else', () => {
      spec().given(pledged).when(accept(undefined)).thenRejects('actor-invalid');
      spec().given().when(pledge({ actor: { userId: 'u', role: 'partner' } as never })).thenRejects('actor-invalid');
    });
  });

  describe('state', () => {
    it('pledge, accept, milestone met, close: the state tells the whole story', () => {
      spec()
        .given(
          pledged,
          accepted,
          { type: 'CommitmentMilestoneMet', data: { commitmentId, milestoneId: 'm-1', metOn: '2025-03-20', note: 'Done' } },
          fulfilled,
        )
        .thenState((state) => {
          expect(state).toMatchObject({
            status: 'fulfilled',
            commitmentId,
            forumId: 'f-ntb',
            partnerId: 'p-csr',
            quantity: 200,
            acceptedOn: '2025-01-10',
            closedOn: '2025-07-01',
            outcome: 'fulfilled',
          });
          expect(state.milestones).toEqual([
            { milestoneId: 'm-1', title: 'First 100 packages delivered', dueDate: '2025-03-31', metOn: '2025-03-20', note: 'Done' },
            { milestoneId: 'm-2', title: 'All packages delivered', dueDate: '2025-06-30', metOn: null, note: null },
          ]);
        });
    });

    it('a withdrawal and a cancellation keep their reasons', () => {
      spec()
        .given(pledged, withdrawn)
        .thenState((state) => {
          expect(state.status).toBe('withdrawn');
          expect(state.withdrawalReason).toBe('Budget cut');
        });
      spec()
        .given(pledged, { type: 'CommitmentCancelled', data: { commitmentId, reason: 'Dissolved', cancelledBy: secretariat } })
        .thenState((state) => {
          expect(state.status).toBe('cancelled');
          expect(state.cancellationReason).toBe('Dissolved');
        });
    });

    it('evolve is total: an unknown event leaves the state unchanged', () => {
      const state = commitmentDecider.evolve(initialCommitmentState(), pledged);
      const unknown = { type: 'SomethingElse', data: {} } as unknown as CommitmentEvent;
      expect(commitmentDecider.evolve(state, unknown)).toBe(state);
      expect(commitmentDecider.evolve(state, { type: 'CommitmentAccepted' } as unknown as CommitmentEvent)).toBe(state);
    });
  });
});
