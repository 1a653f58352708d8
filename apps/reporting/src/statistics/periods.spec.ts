import { isoWeek, lastDayOf, periodOf, periodsOfYear, sixMonthsAfter, yearToDate } from './periods';

describe('statistics periods', () => {
  it('reads years, quarters and months as Brussels calendar days', () => {
    expect(periodOf('2026')).toEqual({ key: '2026', from: '2026-01-01', until: '2027-01-01' });
    expect(periodOf('2026-Q4')).toEqual({ key: '2026-Q4', from: '2026-10-01', until: '2027-01-01' });
    expect(periodOf('2028-02')).toEqual({ key: '2028-02', from: '2028-02-01', until: '2028-03-01' });
    expect(lastDayOf(periodOf('2028-02'))).toBe('2028-02-29');
    // Only the statistics' years: Date.UTC would take 0050 for 1950.
    expect(() => periodOf('0050')).toThrow(/not a period/);
    expect(() => periodOf('2101-Q1')).toThrow(/not a period/);
    expect(periodOf('2100-12').until).toBe('2101-01-01');
    expect(periodsOfYear(2026).map((p) => p.key)).toEqual(['2026', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', ...Array.from({ length: 12 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`)]);
  });

  it('reads ISO weeks, and the year to date of a week', () => {
    expect(isoWeek('2026-W48')).toEqual({ key: '2026-W48', from: '2026-11-23', until: '2026-11-30' });
    expect(isoWeek('2026-W01')).toEqual({ key: '2026-W01', from: '2025-12-29', until: '2026-01-05' });
    expect(isoWeek('2020-W53')).toEqual({ key: '2020-W53', from: '2020-12-28', until: '2021-01-04' });
    expect(yearToDate(isoWeek('2026-W01'))).toMatchObject({ from: '2026-01-01', until: '2026-01-05' });
  });

  it('finds the day six months after an exit as PostgreSQL does (a missing day is the month\'s last)', () => {
    expect(sixMonthsAfter('2026-05-31')).toBe('2026-11-30');
    expect(sixMonthsAfter('2026-08-31')).toBe('2027-02-28');
    expect(sixMonthsAfter('2027-08-31')).toBe('2028-02-29');
    expect(sixMonthsAfter('2026-07-01')).toBe('2027-01-01');
    expect(sixMonthsAfter('2026-01-15')).toBe('2026-07-15');
  });
});
