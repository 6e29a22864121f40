/** Offset of a time zone at an instant, in seconds east of UTC. */
export function offsetAt(unixSeconds: number, timeZone: string): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(unixSeconds * 1000))
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

/** Unix seconds of local midnight on a `YYYY-MM-DD` date in a time zone. */
export function localMidnight(date: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`) / 1000;
  const guess = utcMidnight - offsetAt(utcMidnight, timeZone);
  return utcMidnight - offsetAt(guess, timeZone);
}

/** Local calendar date of an instant. */
export function localDate(unixSeconds: number, timeZone: string): string {
  const shifted = unixSeconds + offsetAt(unixSeconds, timeZone);
  return new Date(shifted * 1000).toISOString().slice(0, 10);
}

/** Local time of an instant without offset, as Open-Meteo's iso8601 format writes it. */
export function localIso(unixSeconds: number, timeZone: string): string {
  const shifted = unixSeconds + offsetAt(unixSeconds, timeZone);
  return new Date(shifted * 1000).toISOString().slice(0, 16);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
