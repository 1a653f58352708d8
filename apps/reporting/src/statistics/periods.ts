import { STATISTICS_YEARS } from '@cirkel/contracts';

/** Periods of the statistics, as Brussels calendar days: `from` the first day, `until` the day after the last. */
export interface Period {
  key: string;
  from: string;
  until: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** A year `2026`, a quarter `2026-Q3` or a month `2026-11`, of the statistics' years (2000–2100: Date.UTC takes 0–99 for 19xx). */
export function periodOf(key: string): Period {
  const year = Number(key.slice(0, 4));
  if (!(year >= STATISTICS_YEARS.first && year <= STATISTICS_YEARS.last)) throw new Error(`not a period of ${STATISTICS_YEARS.first}–${STATISTICS_YEARS.last}: ${key}`);
  const quarter = /^\d{4}-Q([1-4])$/.exec(key);
  const month = /^\d{4}-(\d{2})$/.exec(key);
  if (quarter) {
    const q = Number(quarter[1]);
    return { key, from: day(utc(year, 3 * q - 2, 1)), until: day(utc(year, 3 * q + 1, 1)) };
  }
  if (month) {
    const m = Number(month[1]);
    return { key, from: day(utc(year, m, 1)), until: day(utc(year, m + 1, 1)) };
  }
  if (!/^\d{4}$/.test(key)) throw new Error(`not a period: ${key}`);
  return { key, from: day(utc(year, 1, 1)), until: day(utc(year + 1, 1, 1)) };
}

/** The year a statistics run covers: itself, its four quarters and twelve months. */
export function periodsOfYear(year: number): Period[] {
  const y = String(year);
  return [periodOf(y), ...[1, 2, 3, 4].map((q) => periodOf(`${y}-Q${q}`)), ...Array.from({ length: 12 }, (_, m) => periodOf(`${y}-${String(m + 1).padStart(2, '0')}`))];
}

/** An ISO week `2026-W48`: Monday to the Monday after. */
export function isoWeek(key: string): Period {
  const [y, w] = key.split('-W').map(Number);
  const jan4 = utc(y, 1, 4);
  const monday = utc(y, 1, 4 - ((jan4.getUTCDay() + 6) % 7) + (w - 1) * 7);
  return { key, from: day(monday), until: day(new Date(monday.getTime() + 7 * 86_400_000)) };
}

/** From 1 January of the week's last day's year to the end of the week. */
export function yearToDate(week: Period): Period {
  const lastDay = new Date(Date.parse(`${week.until}T00:00:00Z`) - 86_400_000);
  const year = lastDay.getUTCFullYear();
  return { key: `${year}-YTD-${week.key}`, from: `${year}-01-01`, until: week.until };
}

/** The day after a day (YYYY-MM-DD): the `until` of a period whose last day it is. */
export const dayAfter = (d: string) => day(new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000));

/** The last day of a period (its `until` is the day after). */
export function lastDayOf(period: Period): string {
  return day(new Date(Date.parse(`${period.until}T00:00:00Z`) - 86_400_000));
}

/** The day six months after `day` (the month's last day when it has no such day: 31 August → 28 February), as PostgreSQL's `day + interval '6 months'`. */
export function sixMonthsAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const lastOfMonth = utc(y, m + 7, 0).getUTCDate();
  return `${utc(y, m + 6, Math.min(d, lastOfMonth)).toISOString().slice(0, 10)}`;
}
