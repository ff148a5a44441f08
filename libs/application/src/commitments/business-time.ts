import { calendarDay, CommandContext } from '../shared';

/**
 * The business time of a fact the request dates explicitly (accepted on, met on): the request's
 * own instant when that date is today, otherwise the start of that day in WIB (UTC+7).
 */
export function occurredOn(date: string, ctx: CommandContext): Date {
  if (date === calendarDay(ctx.receivedAt)) return ctx.receivedAt;
  const start = new Date(`${date}T00:00:00+07:00`);
  return Number.isNaN(start.getTime()) ? ctx.receivedAt : start;
}
