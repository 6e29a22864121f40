import { ToolError } from '../../../shared/errors.ts';
import { utcDate } from '../local-time.ts';

/** First day of the ERA5 reanalysis behind Open-Meteo's historical weather API. */
export const ARCHIVE_FIRST_DATE = '1940-01-01';
/** Maximum number of days per call with daily values. */
export const MAX_ARCHIVE_DAYS = 366;
/** Maximum number of days per call with hourly values, so a result stays readable (31 × 24 rows). */
export const MAX_ARCHIVE_HOURLY_DAYS = 31;

export interface DateRange {
  startDate: string;
  endDate: string;
  days: number;
}

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/**
 * Checks a range for the archive: real dates, in order, from 1940-01-01 up
 * to yesterday (UTC), and no longer than the daily or hourly limit.
 */
export function checkArchiveRange(
  startDate: string,
  endDate: string,
  hourly: boolean,
  now = Date.now(),
): DateRange {
  for (const [name, value] of [
    ['startDate', startDate],
    ['endDate', endDate],
  ] as const) {
    if (!isCalendarDate(value)) {
      throw new ToolError('INVALID_ARGUMENT', `${name} "${value}" is not a calendar date.`, {
        hint: 'Use YYYY-MM-DD, for example 2024-07-01.',
      });
    }
  }

  const latest = utcDate(-1, now);
  if (startDate > endDate) {
    throw new ToolError('INVALID_ARGUMENT', `startDate ${startDate} is after endDate ${endDate}.`, {
      hint: 'Swap the two dates.',
    });
  }
  if (startDate < ARCHIVE_FIRST_DATE) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `startDate ${startDate} is before ${ARCHIVE_FIRST_DATE}, the first day of the archive.`,
      { hint: `Use a startDate on or after ${ARCHIVE_FIRST_DATE}.` },
    );
  }
  if (endDate > latest) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `endDate ${endDate} is after ${latest}; the archive only has past days.`,
      { hint: `Use an endDate up to ${latest}, or get_forecast for today and later days.` },
    );
  }

  const days = dayNumber(endDate) - dayNumber(startDate) + 1;
  const limit = hourly ? MAX_ARCHIVE_HOURLY_DAYS : MAX_ARCHIVE_DAYS;
  if (days > limit) {
    throw new ToolError(
      'INVALID_ARGUMENT',
      `The range ${startDate} to ${endDate} has ${days} days; at most ${limit} are allowed` +
        `${hourly ? ' with hourly values' : ''}.`,
      { hint: `Split the range into calls of ${limit} days or fewer.` },
    );
  }
  return { startDate, endDate, days };
}
