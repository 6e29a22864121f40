import type { ColumnKind } from '../sql/columns.ts';
import { quoteIdentifier, type Engine } from '../sql/engine.ts';
import type { OffsetSpan } from './time-zone.ts';

export const INTERVALS = ['hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];

/**
 * Builds SQL for a time column as Unix seconds. Values without a zone
 * (PostgreSQL timestamp, MySQL DATETIME, SQLite text) are read as UTC. SQLite
 * numbers are read as Unix seconds, or milliseconds above 10^11.
 */
export function unixSecondsSql(engine: Engine, column: string, kind: ColumnKind): string {
  const quoted = quoteIdentifier(engine, column);
  if (engine === 'postgres') {
    const value = kind === 'time' ? quoted : `cast(${quoted} as timestamp)`;
    return `extract(epoch from ${value})`;
  }
  if (engine === 'mysql') {
    // NOTE: a MySQL TIMESTAMP column is read in the session time zone, so it
    // counts as UTC only when the server's time zone is UTC.
    return `timestampdiff(second, '1970-01-01 00:00:00', ${quoted})`;
  }
  return (
    `(case when typeof(${quoted}) in ('integer', 'real') then ` +
    `(case when abs(${quoted}) > 100000000000 then ${quoted} / 1000.0 else ${quoted} end) ` +
    `else cast(strftime('%s', ${quoted}) as integer) end)`
  );
}

/** Builds SQL that adds the zone's offset in force at each instant, giving wall-clock seconds. */
export function wallClockSql(unixSql: string, spans: readonly OffsetSpan[]): string {
  const [first, ...rest] = spans;
  if (!first) return unixSql;
  if (rest.length === 0) return `(${unixSql} + ${first.offset})`;

  const branches: string[] = [];
  let current = first;
  for (const span of rest) {
    branches.push(`when ${unixSql} < ${span.from} then ${current.offset}`);
    current = span;
  }
  return `(${unixSql} + case ${branches.join(' ')} else ${current.offset} end)`;
}

function yearMonthSql(engine: Engine, wallClock: string): { year: string; month: string } {
  if (engine === 'postgres') {
    const timestamp = `(to_timestamp(${wallClock}) at time zone 'UTC')`;
    return { year: `extract(year from ${timestamp})`, month: `extract(month from ${timestamp})` };
  }
  if (engine === 'mysql') {
    const timestamp = `date_add('1970-01-01 00:00:00', interval floor(${wallClock}) second)`;
    return { year: `year(${timestamp})`, month: `month(${timestamp})` };
  }
  return {
    year: `cast(strftime('%Y', ${wallClock}, 'unixepoch') as integer)`,
    month: `cast(strftime('%m', ${wallClock}, 'unixepoch') as integer)`,
  };
}

/**
 * Builds SQL for each row's bucket key. Hours, days and weeks (from Monday)
 * give the wall-clock second they start at; months, quarters and years give
 * year·100 + first month.
 */
export function bucketSql(engine: Engine, wallClock: string, interval: Interval): string {
  switch (interval) {
    case 'hour':
      return `floor(${wallClock} / 3600) * 3600`;
    case 'day':
      return `floor(${wallClock} / 86400) * 86400`;
    case 'week':
      // 1970-01-01 was a Thursday, so Monday-based weeks start 3 days before multiples of 7.
      return `(floor((floor(${wallClock} / 86400) + 3) / 7) * 7 - 3) * 86400`;
    default: {
      const { year, month } = yearMonthSql(engine, wallClock);
      if (interval === 'month') return `(${year} * 100 + ${month})`;
      if (interval === 'quarter') return `(${year} * 100 + floor((${month} - 1) / 3) * 3 + 1)`;
      return `(${year} * 100 + 1)`;
    }
  }
}

const SECONDS = { hour: 3600, day: 86_400, week: 604_800 } as const;

/** Returns the wall-clock start (as Unix seconds of a UTC clock) of a bucket key. */
export function bucketStart(key: number, interval: Interval): number {
  if (interval === 'hour' || interval === 'day' || interval === 'week') return key;
  const year = Math.floor(key / 100);
  const month = key % 100;
  return Date.UTC(year, month - 1, 1) / 1000;
}

/** Returns the key of the bucket after the given one, `steps` buckets on. */
export function nextBucket(key: number, interval: Interval, steps = 1): number {
  if (interval === 'hour' || interval === 'day' || interval === 'week')
    return key + SECONDS[interval] * steps;
  const months = { month: 1, quarter: 3, year: 12 }[interval] * steps;
  const year = Math.floor(key / 100);
  const index = year * 12 + (key % 100) - 1 + months;
  return Math.floor(index / 12) * 100 + (index % 12) + 1;
}

/** Returns the key of the bucket that contains a wall-clock time. */
export function bucketOf(wallClock: number, interval: Interval): number {
  if (interval === 'hour' || interval === 'day')
    return Math.floor(wallClock / SECONDS[interval]) * SECONDS[interval];
  if (interval === 'week')
    return (Math.floor((Math.floor(wallClock / 86_400) + 3) / 7) * 7 - 3) * 86_400;
  const date = new Date(wallClock * 1000);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  if (interval === 'month') return year * 100 + month;
  if (interval === 'quarter') return year * 100 + Math.floor((month - 1) / 3) * 3 + 1;
  return year * 100 + 1;
}

/** Labels a bucket the way people write it: 2024-03-05 14:00, 2024-03-04, 2024-03, 2024-Q1, 2024. */
export function bucketLabel(key: number, interval: Interval): string {
  const iso = new Date(bucketStart(key, interval) * 1000).toISOString();
  switch (interval) {
    case 'hour':
      return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
    case 'day':
    case 'week':
      return iso.slice(0, 10);
    case 'month':
      return iso.slice(0, 7);
    case 'quarter':
      return `${iso.slice(0, 4)}-Q${Math.floor((key % 100) / 3) + 1}`;
    case 'year':
      return iso.slice(0, 4);
  }
}

/** Returns how many buckets back the same period of the previous year is, or null where years do not align. */
export function bucketsPerYear(interval: Interval): number | null {
  return { hour: null, day: null, week: 52, month: 12, quarter: 4, year: 1 }[interval];
}
