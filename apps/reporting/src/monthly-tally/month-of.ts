const BRUSSELS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The month (`YYYY-MM`) of the Brussels calendar day before the one `at` falls on. */
export function monthOfDayBefore(at: Date): string {
  const [year, month, day] = BRUSSELS_DAY.format(at).split('-').map(Number);
  const dayBefore = new Date(Date.UTC(year, month - 1, day - 1));
  return dayBefore.toISOString().slice(0, 7);
}
