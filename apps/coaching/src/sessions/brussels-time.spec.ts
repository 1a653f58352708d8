import { brusselsInstant, dayAfter } from './brussels-time';

describe('Brussels time', () => {
  it('gives the instant of a Brussels wall-clock hour in winter and in summer time', () => {
    expect(brusselsInstant('2026-12-24', 9).toISOString()).toBe('2026-12-24T08:00:00.000Z');
    expect(brusselsInstant('2026-07-01', 9).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(brusselsInstant('2027-03-28', 9).toISOString()).toBe('2027-03-28T07:00:00.000Z'); // the morning clocks go forward
    expect(brusselsInstant('2026-10-25', 0).toISOString()).toBe('2026-10-24T22:00:00.000Z'); // midnight, still summer time
  });

  it('counts days across months and years', () => {
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
  });
});
