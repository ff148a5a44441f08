/** Calendar dates are `YYYY-MM-DD` strings; they compare correctly as strings. */
export type CalendarDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Kemendagri region codes: province `52`, regency/city `52.71`, district `52.71.01`, village `52.71.01.1001`. */
export const REGION_CODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export function isRegionCode(value: unknown): value is string {
  return typeof value === 'string' && REGION_CODE_PATTERN.test(value);
}

/** True when `inner` is `outer` or lies inside it (`52.71.01` lies inside `52`). */
export function regionContains(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(`${outer}.`);
}

/** Whole rupiah: a non-negative safe integer, never a float or a string. */
export function isWholeRupiah(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isNonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Two closed date ranges overlap; an open end (`undefined`) runs forever. */
export function periodsOverlap(
  a: { from: CalendarDate; until?: CalendarDate | null },
  b: { from: CalendarDate; until?: CalendarDate | null },
): boolean {
  const aEndsBeforeB = a.until != null && a.until < b.from;
  const bEndsBeforeA = b.until != null && b.until < a.from;
  return !aEndsBeforeB && !bEndsBeforeA;
}
