import { isoWeekBefore } from './iso-week';

describe('isoWeekBefore', () => {
  it('answers the week that ended before a Monday-morning run, in Brussels time', () => {
    expect(isoWeekBefore(new Date('2026-12-07T06:00:00Z'))).toBe('2026-W49'); // Monday 7 December 07:00 → week of 30 Nov–6 Dec
    expect(isoWeekBefore(new Date('2026-11-30T06:00:00Z'))).toBe('2026-W48');
    expect(isoWeekBefore(new Date('2021-01-04T06:00:00Z'))).toBe('2020-W53'); // 2020 had 53 weeks
    expect(isoWeekBefore(new Date('2027-01-04T06:00:00Z'))).toBe('2026-W53');
    expect(isoWeekBefore(new Date('2026-11-29T23:30:00Z'))).toBe('2026-W48'); // already Monday 00:30 in Brussels
  });
});
