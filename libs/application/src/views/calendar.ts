/** Calendar arithmetic on `YYYY-MM-DD` strings (UTC midnight, so no time zone can shift a day). */

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Reporting periods are calendar quarters: a running count, so `b - a` is the number of quarters between them. */
export function quarterIndex(day: string): number {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return year * 4 + Math.floor((month - 1) / 3);
}
