import { quarterIndex } from './calendar';
import { CommitmentDocument } from './documents';

export type ReportingLight = 'green' | 'yellow' | 'red' | 'inactive';

/**
 * The reporting traffic light of one partner in one forum (after the UN Partnerships for SDGs light,
 * on calendar quarters instead of years). Evaluated in order:
 * 1. `inactive`: none of the partner's commitments in the forum is pledged or accepted.
 * 2. If a report was ever submitted or accepted, take the quarter of its latest `periodEnd`:
 *    current or previous quarter `green`; two quarters back `yellow`; three or more `red`.
 * 3. Never reported: `red` when an accepted commitment was accepted two or more quarters before the
 *    current one (a whole reporting quarter has passed without a report), otherwise `green`
 *    (nothing is due yet).
 */
export function reportingLight(commitments: readonly CommitmentDocument[], today: string): ReportingLight {
  if (!commitments.some((c) => c.status === 'pledged' || c.status === 'accepted')) return 'inactive';
  const current = quarterIndex(today);
  const lastReported = latest(commitments.map((c) => c.lastReportPeriodEnd ?? null));
  if (lastReported !== null) {
    const quartersBehind = current - quarterIndex(lastReported);
    if (quartersBehind <= 1) return 'green';
    return quartersBehind === 2 ? 'yellow' : 'red';
  }
  const overdueForFirstReport = commitments.some((c) => c.status === 'accepted' && c.acceptedOn !== null && current - quarterIndex(c.acceptedOn) >= 2);
  return overdueForFirstReport ? 'red' : 'green';
}

export function latest(days: readonly (string | null)[]): string | null {
  return days.reduce<string | null>((max, day) => (day !== null && (max === null || day > max) ? day : max), null);
}
