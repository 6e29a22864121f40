import { ToolError } from '../../../shared/errors.ts';
import { isKnownTimeZone, zonedFormatter } from '../../../shared/time-zone.ts';

/** A stretch of time during which a zone's offset from UTC stays the same. */
export interface OffsetSpan {
  /** First second of the span, as a Unix time; the first span starts at -Infinity. */
  from: number;
  /** Seconds to add to UTC to get the zone's wall-clock time. */
  offset: number;
}

const WALL_CLOCK_PARTS: Intl.DateTimeFormatOptions = {
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
};

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return zonedFormatter(timeZone, WALL_CLOCK_PARTS);
}

/** Fails with a helpful message unless the name is an IANA time zone known to this Node.js. */
export function checkTimeZone(timeZone: string): void {
  if (!isKnownTimeZone(timeZone)) {
    throw new ToolError('INVALID_ARGUMENT', `Unknown time zone "${timeZone}".`, {
      hint: 'Use an IANA name such as "UTC", "Europe/Paris" or "Asia/Shanghai".',
    });
  }
}

/** Returns the zone's offset from UTC, in seconds, at a Unix time. */
export function offsetAt(unixSeconds: number, timeZone: string): number {
  const instant = Math.floor(unixSeconds) * 1000;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wallClock = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return Math.round((wallClock - instant) / 1000);
}

const DAY = 86_400;
const MAX_SPANS = 1000;

/**
 * Lists the zone's offsets between two Unix times. It samples once a day and
 * bisects each change to the second, so two changes within one day are seen
 * as one (no zone in the IANA database does that today).
 */
export function offsetSpans(timeZone: string, from: number, to: number): OffsetSpan[] {
  const spans: OffsetSpan[] = [{ from: -Infinity, offset: offsetAt(from, timeZone) }];
  let previousTime = from;
  let previousOffset = spans[0]?.offset ?? 0;

  for (let time = from + DAY; time < to + DAY; time += DAY) {
    const offset = offsetAt(time, timeZone);
    if (offset !== previousOffset) {
      let low = previousTime;
      let high = time;
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (offsetAt(middle, timeZone) === previousOffset) low = middle;
        else high = middle;
      }
      spans.push({ from: high, offset });
      if (spans.length > MAX_SPANS) {
        throw new ToolError(
          'TOO_LARGE',
          `The time range crosses more than ${MAX_SPANS} offset changes in ${timeZone}.`,
          {
            hint: 'Narrow the range with "start" and "end".',
          },
        );
      }
      previousOffset = offset;
    }
    previousTime = time;
  }
  return spans;
}

/** Converts a wall-clock time in the zone (as if it were UTC) to a Unix time. */
export function wallClockToUnix(wallClock: number, timeZone: string): number {
  const guess = wallClock - offsetAt(wallClock, timeZone);
  return wallClock - offsetAt(guess, timeZone);
}

/** Formats a Unix time as ISO 8601 with the zone's offset, such as 2024-03-01T00:00:00+08:00. */
export function formatInZone(unixSeconds: number, timeZone: string): string {
  const offset = offsetAt(unixSeconds, timeZone);
  const local = new Date((unixSeconds + offset) * 1000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60;
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0');
  return `${local}${sign}${hours}:${String(minutes % 60).padStart(2, '0')}`;
}
