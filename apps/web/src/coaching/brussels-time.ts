import { TIME_ZONE } from '../i18n/i18n';

/**
 * Times as the browser's `datetime-local` and `date` inputs give them: read as Brussels time (the
 * hub's), whatever zone the browser is in, and sent to the API as an instant.
 */
export function brusselsToInstant(local: string): string {
  // The offset Brussels has at that moment (+01:00 or +02:00), found by formatting a first guess.
  const guess = new Date(`${local}:00Z`);
  const offsetMinutes = (zoned(guess).getTime() - guess.getTime()) / 60_000;
  return new Date(guess.getTime() - offsetMinutes * 60_000).toISOString();
}

/** An instant as `YYYY-MM-DDTHH:mm` in Brussels (for a `datetime-local` input's value). */
export function instantToBrussels(iso: string): string {
  return zoned(new Date(iso)).toISOString().slice(0, 16);
}

/** Today's date in Brussels, `YYYY-MM-DD`. */
export function brusselsToday(now = new Date()): string {
  return zoned(now).toISOString().slice(0, 10);
}

/** The wall-clock time in Brussels of an instant, as if it were UTC (for arithmetic on days). */
export function zoned(instant: Date): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return new Date(Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second));
}

/** A Brussels calendar day (`YYYY-MM-DD`) plus some days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week of a day (ISO weeks). */
export function mondayOf(day: string): string {
  const weekday = (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}
