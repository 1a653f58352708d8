/** The ISO week (`2026-W48`) of the Brussels calendar day before `due`: the week a Monday-morning digest reports on. */
export function isoWeekBefore(due: Date): string {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(due)
    .split('-')
    .map(Number);
  const day = new Date(Date.UTC(y, m - 1, d - 1));
  // ISO 8601: the week with the year's first Thursday is week 1; a week belongs to the year of its Thursday.
  const weekday = day.getUTCDay() || 7;
  const thursday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 4 - weekday));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
