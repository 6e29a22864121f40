import { isKnownTimeZone, zonedFormatter } from '../../shared/time-zone.ts';

const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

const LOCAL_TIME_PARTS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
};

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return zonedFormatter(timeZone, LOCAL_TIME_PARTS);
}

export { isKnownTimeZone };

/**
 * Formats an instant as local ISO 8601 time with the offset in force at that
 * instant (`2026-03-29T03:00+02:00`), so the hour after a daylight-saving
 * change carries its own offset.
 */
export function formatLocalTime(unixSeconds: number, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(unixSeconds * 1000))) {
    parts[part.type] = part.value;
  }
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}${offset}`;
}

/** Formats an instant as the local calendar date (`2026-03-29`). */
export function formatLocalDate(unixSeconds: number, timeZone: string): string {
  return formatLocalTime(unixSeconds, timeZone).slice(0, 10);
}

/** Names the weekday of a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): string {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return WEEKDAYS[day] ?? '';
}

/** Returns the calendar date in UTC, `days` from now. */
export function utcDate(days = 0, now = Date.now()): string {
  return new Date(now + days * 86_400_000).toISOString().slice(0, 10);
}
