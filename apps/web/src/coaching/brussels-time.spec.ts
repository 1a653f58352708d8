import { expect, it } from 'vitest';
import { addDays, brusselsToday, brusselsToInstant, instantToBrussels, mondayOf } from './brussels-time';

it('reads a datetime-local value as Brussels time, summer and winter, whatever zone the browser is in', () => {
  expect(brusselsToInstant('2026-07-01T10:00')).toBe('2026-07-01T08:00:00.000Z');
  expect(brusselsToInstant('2026-12-01T10:00')).toBe('2026-12-01T09:00:00.000Z');
  expect(instantToBrussels('2026-07-01T08:00:00.000Z')).toBe('2026-07-01T10:00');
  expect(instantToBrussels('2026-03-29T00:30:00Z')).toBe('2026-03-29T01:30'); // before the clocks go forward
  expect(brusselsToday(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
});

it('counts days and finds the Monday of a week', () => {
  expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // a Sunday
  expect(mondayOf('2026-11-30')).toBe('2026-11-30');
});
