import { monthOfDayBefore } from './month-of';

describe('monthOfDayBefore', () => {
  it('is the month of the Brussels day before', () => {
    expect(monthOfDayBefore(new Date('2026-12-15T01:00:00Z'))).toBe('2026-12');
    // 02:00 in Brussels on 1 January (01:00 UTC): the day before is 31 December.
    expect(monthOfDayBefore(new Date('2027-01-01T01:00:00Z'))).toBe('2026-12');
    // 23:30 UTC on 31 January is already 1 February in Brussels: the day before is 31 January.
    expect(monthOfDayBefore(new Date('2027-01-31T23:30:00Z'))).toBe('2027-01');
    // 1 March after a 28-day February.
    expect(monthOfDayBefore(new Date('2027-03-01T01:00:00Z'))).toBe('2027-02');
  });
});
