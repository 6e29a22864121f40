const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Returns an `en-US` Intl.DateTimeFormat for an IANA time zone, created once
 * per zone and set of options because construction is slow and tools format
 * thousands of instants. Throws a RangeError for a zone the runtime's ICU
 * data does not contain.
 */
export function zonedFormatter(
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${timeZone}\u0000${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Reports whether the runtime's ICU data contains an IANA time zone such as `Europe/Zurich`. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    zonedFormatter(timeZone, {});
    return true;
  } catch {
    return false;
  }
}
