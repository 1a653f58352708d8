import { expect, it } from 'vitest';
import { addDays, brusselsToday, brusselsToInstant, instantToBrussels, mondayOf } from './brussels-time';

it('reads a datetime-local value as Brussels time, summer and winter, whatever zone the browser is in', () => {
  expect(brusselsToInstant('2026-07-01T10:00')).toBe('2026-07-01T08:00:00.000Z');
  expect(brusselsToInstant('2026-12-01T10:00')).toBe('2026-12-01T09:00:00.000Z');
  expect(instantToBrussels('2026-07-01T08:00:00.000Z')).toBe('2026-07-01T10:00');
  expect(instantToBrussels('2026-03-29T00:30:00Z')).toBe('2026-03-29T01:30'); // before the clocks go forward
  expect(brusselsToday(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
});

it('reads the times around a change of the clocks with the offset Brussels has then', () => {
  // Spring (2026-03-29): 02:00 winter time becomes 03:00 summer time.
  expect(brusselsToInstant('2026-03-29T01:30')).toBe('2026-03-29T00:30:00.000Z');
  expect(brusselsToInstant('2026-03-29T02:30')).toBe('2026-03-29T01:30:00.000Z'); // skipped: read as 03:30 summer time
  expect(brusselsToInstant('2026-03-29T03:30')).toBe('2026-03-29T01:30:00.000Z');
  expect(brusselsToInstant('2026-03-29T04:00')).toBe('2026-03-29T02:00:00.000Z');
  expect(brusselsToInstant('2026-03-28T23:30')).toBe('2026-03-28T22:30:00.000Z');
  // Autumn (2026-10-25): 03:00 summer time becomes 02:00 winter time; 02:00–03:00 comes twice.
  expect(brusselsToInstant('2026-10-25T01:30')).toBe('2026-10-24T23:30:00.000Z');
  expect(brusselsToInstant('2026-10-25T02:30')).toBe('2026-10-25T00:30:00.000Z'); // the first of the two (summer time)
  expect(brusselsToInstant('2026-10-25T03:30')).toBe('2026-10-25T02:30:00.000Z');
  expect(brusselsToInstant('2026-10-24T23:30')).toBe('2026-10-24T21:30:00.000Z');
  for (const local of ['2026-03-29T01:30', '2026-03-29T03:30', '2026-10-25T01:30', '2026-10-25T03:30']) expect(instantToBrussels(brusselsToInstant(local))).toBe(local);
});

it('counts days and finds the Monday of a week', () => {
  expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // a Sunday
  expect(mondayOf('2026-11-30')).toBe('2026-11-30');
});
