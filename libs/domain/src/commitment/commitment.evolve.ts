import { CommitmentEvent } from './commitment.events';
import { CommitmentState, Milestone } from './commitment.state';

/** Total: an unknown or malformed event leaves the state as it was. */
export function evolveCommitment(state: CommitmentState, event: CommitmentEvent): CommitmentState {
  if (event == null || typeof event !== 'object' || event.data == null || typeof event.data !== 'object') return state;
  switch (event.type) {
    case 'CommitmentPledged': {
      const data = event.data;
      const milestones: Milestone[] = Array.isArray(data.milestones)
        ? data.milestones
            .filter((milestone) => milestone != null && typeof milestone === 'object')
            .map((milestone) => ({
              milestoneId: milestone.milestoneId,
              title: milestone.title,
              dueDate: milestone.dueDate,
              metOn: null,
              note: null,
            }))
        : [];
      return {
        ...state,
        status: 'pledged',
        commitmentId: data.commitmentId,
        agreementId: data.agreementId,
        forumId: data.forumId,
        partnerId: data.partnerId,
        description: data.description,
        resourceType: data.resourceType,
        quantity: data.quantity,
        unit: data.unit,
        valueRupiah: data.valueRupiah,
        regionCode: data.regionCode,
        programme: data.programme,
        startDate: data.startDate,
        dueDate: data.dueDate,
        milestones,
      };
    }
    case 'CommitmentAccepted':
      return { ...state, status: 'accepted', acceptedOn: event.data.acceptedOn };
    case 'CommitmentReduced': {
      const data = event.data;
      return {
        ...state,
        quantity: data.quantity,
        valueRupiah: data.valueRupiah,
        reductions: [
          ...state.reductions,
          {
            rationale: data.rationale,
            quantityReducedBy: data.quantityReducedBy,
            valueRupiahReducedBy: data.valueRupiahReducedBy,
            quantity: data.quantity,
            valueRupiah: data.valueRupiah,
          },
        ],
      };
    }
    case 'CommitmentAmended': {
      const changes = event.data.changes != null && typeof event.data.changes === 'object' ? event.data.changes : {};
      const previous = event.data.previous != null && typeof event.data.previous === 'object' ? event.data.previous : {};
      const next: CommitmentState = { ...state };
      if (changes.description !== undefined) next.description = changes.description;
      if (changes.quantity !== undefined) next.quantity = changes.quantity;
      if (changes.unit !== undefined) next.unit = changes.unit;
      if (changes.valueRupiah !== undefined) next.valueRupiah = changes.valueRupiah;
      if (changes.dueDate !== undefined) next.dueDate = changes.dueDate;
      next.amendments = [...state.amendments, { rationale: event.data.rationale, changes: { ...changes }, previous: { ...previous } }];
      return next;
    }
    case 'CommitmentMilestoneMet': {
      const { milestoneId, metOn, note } = event.data;
      return {
        ...state,
        milestones: state.milestones.map((milestone) =>
          milestone.milestoneId === milestoneId ? { ...milestone, metOn, note: note ?? null } : milestone,
        ),
      };
    }
    case 'CommitmentWithdrawn':
      return {
        ...state,
        status: 'withdrawn',
        withdrawalReason: event.data.reason,
        withdrawnBy: event.data.withdrawnBy ?? null,
      };
    case 'CommitmentCancelled':
      return {
        ...state,
        status: 'cancelled',
        cancellationReason: event.data.reason,
        cancelledBy: event.data.cancelledBy ?? null,
      };
    case 'CommitmentClosed': {
      const outcome = event.data.outcome;
      if (outcome !== 'fulfilled' && outcome !== 'partially-fulfilled') return state;
      return { ...state, status: outcome, outcome, closureNote: event.data.note, closedOn: event.data.closedOn };
    }
    default:
      return state;
  }
}
