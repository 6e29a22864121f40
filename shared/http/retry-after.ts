/**
 * Reads a `Retry-After` header, which is either a number of seconds or an
 * HTTP date (RFC 9110, section 10.2.3). Returns whole seconds from `now`,
 * or undefined when the header is missing or cannot be read.
 */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
  if (typeof header !== 'string' && typeof header !== 'number') return undefined;
  const text = String(header).trim();
  if (text === '') return undefined;

  if (/^\d+$/.test(text)) return Number(text);

  // An HTTP date always names the weekday and month; without letters, Date.parse would
  // read text such as "-5" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
