import type { RecordedEvent } from '@ikrar/event-store';
import { EventHandler, keys } from '../define-projection';
import type { Draft, WriteOptions } from '../draft';
import { BadPayloadError } from '../errors';
import { Fields, idIn } from '../payload';
import type { DocumentKey } from '../projection';
import {
  CommitmentDocument,
  LEDGER_COLLECTIONS as C,
  MilestoneEntry,
  PartnerCommitmentsDocument,
  PartnerDocument,
} from './documents';

const OWN: WriteOptions = { own: true };
const FOREIGN: WriteOptions = { own: false };

const commitmentKey = (event: RecordedEvent): DocumentKey[] => keys([C.commitments, idIn(event, 'commitmentId')]);

/** A handler that only changes fields of the commitment itself. */
function lifecycle(change: (data: Fields, commitment: CommitmentDocument) => Partial<CommitmentDocument>): EventHandler {
  return {
    schemaVersion: 1,
    reads: commitmentKey,
    project(data, draft) {
      const id = data.text('commitmentId');
      draft.update<CommitmentDocument>(C.commitments, id, (commitment) => change(data, commitment), OWN);
    },
  };
}

export const COMMITMENT_HANDLERS: Readonly<Record<string, EventHandler>> = {
  CommitmentPledged: {
    schemaVersion: 1,
    // Names the commitment's list of reports too: it writes the partner's link to this commitment, and a
    // later rename in the same batch follows that link to the commitment's reports.
    reads: (event) => {
      const partnerId = idIn(event, 'partnerId');
      const commitmentId = idIn(event, 'commitmentId');
      return keys([C.commitments, commitmentId], [C.partners, partnerId], [C.partnerCommitments, partnerId], [C.commitmentReports, commitmentId]);
    },
    project(data, draft) {
      const commitmentId = data.text('commitmentId');
      const partnerId = data.text('partnerId');
      const partner = draft.get<PartnerDocument>(C.partners, partnerId);
      const milestones: MilestoneEntry[] = data
        .list('milestones')
        .map((m) => ({ milestoneId: m.text('milestoneId'), title: m.text('title'), dueDate: m.date('dueDate'), metOn: null }));
      draft.put<CommitmentDocument>(
        C.commitments,
        commitmentId,
        {
          agreementId: data.text('agreementId'),
          forumId: data.text('forumId'),
          partnerId,
          partnerName: partner?.name ?? null,
          partnerSector: partner?.sector ?? null,
          description: data.text('description'),
          resourceType: data.text('resourceType'),
          quantity: data.count('quantity'),
          unit: data.text('unit'),
          valueRupiah: data.count('valueRupiah'),
          regionCode: data.text('regionCode'),
          programme: data.text('programme'),
          startDate: data.date('startDate'),
          dueDate: data.date('dueDate'),
          status: 'pledged',
          acceptedOn: null,
          closedOn: null,
          outcome: null,
          milestones,
          quantityDelivered: 0,
          rupiahDisbursed: 0,
          reportsAccepted: 0,
          lastReportPeriodEnd: null,
          pledgedAt: draft.event.recordedAt,
        },
        OWN,
      );
      linkToPartner(draft, partnerId, { commitmentId });
    },
  },

  CommitmentAccepted: lifecycle((data) => ({ status: 'accepted', acceptedOn: data.date('acceptedOn') })),

  // The totals after the reduction are in the event: no arithmetic to drift.
  CommitmentReduced: lifecycle((data) => ({ quantity: data.count('quantity'), valueRupiah: data.count('valueRupiah') })),

  CommitmentAmended: lifecycle((data) => {
    const changes = data.object('changes');
    return {
      ...(changes.has('description') && { description: changes.text('description') }),
      ...(changes.has('quantity') && { quantity: changes.count('quantity') }),
      ...(changes.has('unit') && { unit: changes.text('unit') }),
      ...(changes.has('valueRupiah') && { valueRupiah: changes.count('valueRupiah') }),
      ...(changes.has('dueDate') && { dueDate: changes.date('dueDate') }),
    };
  }),

  CommitmentMilestoneMet: lifecycle((data, commitment) => {
    const milestoneId = data.text('milestoneId');
    const metOn = data.date('metOn');
    if (!commitment.milestones.some((m) => m.milestoneId === milestoneId)) {
      throw new BadPayloadError(`CommitmentMilestoneMet: commitment ${commitment.id} has no milestone ${milestoneId}`);
    }
    return { milestones: commitment.milestones.map((m) => (m.milestoneId === milestoneId ? { ...m, metOn } : m)) };
  }),

  CommitmentWithdrawn: lifecycle((data) => {
    data.text('reason');
    return { status: 'withdrawn' };
  }),

  CommitmentCancelled: lifecycle((data) => {
    data.text('reason');
    return { status: 'cancelled' };
  }),

  CommitmentClosed: lifecycle((data) => {
    const outcome = data.text('outcome');
    if (outcome !== 'fulfilled' && outcome !== 'partially-fulfilled') {
      throw new BadPayloadError(`CommitmentClosed: outcome must be fulfilled or partially-fulfilled, got "${outcome}"`);
    }
    return { status: outcome, outcome, closedOn: data.date('closedOn') };
  }),
};

/** Records that a commitment or report shows this partner's name, so a rename reaches it. */
export function linkToPartner(draft: Draft, partnerId: string, link: { commitmentId?: string; reportId?: string }): void {
  const current = draft.get<PartnerCommitmentsDocument>(C.partnerCommitments, partnerId);
  const add = (ids: string[], id: string | undefined) => (id === undefined || ids.includes(id) ? ids : [...ids, id]);
  draft.put<PartnerCommitmentsDocument>(
    C.partnerCommitments,
    partnerId,
    {
      commitmentIds: add(current?.commitmentIds ?? [], link.commitmentId),
      reportIds: add(current?.reportIds ?? [], link.reportId),
    },
    FOREIGN,
  );
}
