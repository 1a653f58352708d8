import { TIME_ZONE } from '../i18n/i18n';

/**
 * Times as the browser's `datetime-local` and `date` inputs give them: read as Brussels time (the
 * hub's), whatever zone the browser is in, and sent to the API as an instant. Around a change of the
 * clocks as Temporal's 'compatible' does: a time the spring change skips (02:30 on the last Sunday of
 * March) is read as an hour later (03:30 summer time), a time the autumn change gives twice (02:30 on
 * the last Sunday of October) as the first of the two (summer time).
 */
export function brusselsToInstant(local: string): string {
  const wall = new Date(`${local}:00Z`).getTime(); // the wall-clock time, as if it were UTC
  // Brussels has one of two offsets around any moment: the one a day before and the one a day after.
  const offsets = [offsetAt(wall - DAY), offsetAt(wall + DAY)];
  // The instants whose Brussels time is this wall-clock time: both in the hour given twice, none in the hour skipped.
  const fitting = offsets.map((offset) => wall - offset).filter((instant) => offsetAt(instant) === wall - instant);
  const instant = fitting.length ? Math.min(...fitting) : wall - offsets[0];
  return new Date(instant).toISOString();
}

const DAY = 86_400_000;

/** Brussels's offset from UTC at an instant (ms): +1 h in winter, +2 h in summer. */
function offsetAt(instant: number): number {
  return zoned(new Date(instant)).getTime() - instant;
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
