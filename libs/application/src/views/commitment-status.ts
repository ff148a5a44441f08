/** Commitment and report lifecycles as the read models spell them (DOMAIN.md). */
export const COMMITMENT_STATUSES = ['pledged', 'accepted', 'withdrawn', 'cancelled', 'fulfilled', 'partially-fulfilled'] as const;
export type CommitmentListStatus = (typeof COMMITMENT_STATUSES)[number];

/** Still owed: a pledge awaiting acceptance or an active commitment. Only these can be overdue. */
export const OPEN_COMMITMENT_STATUSES: readonly CommitmentListStatus[] = ['pledged', 'accepted'];

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportListStatus = (typeof REPORT_STATUSES)[number];

/** "Overdue" is derived on every read from the due date and today, never stored. */
export function isOverdue(doc: { status: string; dueDate: string }, today: string): boolean {
  return (OPEN_COMMITMENT_STATUSES as readonly string[]).includes(doc.status) && doc.dueDate < today;
}
