import { expect, it } from 'vitest';
import { leadMinutes, reminderRules, toDraft } from './reminders-page';

it('shows a lead time in its largest whole unit and reads it back in minutes', () => {
  expect([1440, 120, 90, 10080].map(toDraft)).toEqual([
    { amount: '1', unit: 'days' },
    { amount: '2', unit: 'hours' },
    { amount: '90', unit: 'minutes' },
    { amount: '7', unit: 'days' },
  ]);
  expect(leadMinutes({ amount: '3', unit: 'hours' })).toBe(180);
  expect(leadMinutes({ amount: '1,5', unit: 'hours' })).toBeNull();
});

it('refuses times outside 5 minutes–14 days and the same time twice, in any unit', () => {
  expect(reminderRules([{ amount: '1', unit: 'days' }, { amount: '1', unit: 'hours' }])).toEqual({});
  expect(reminderRules([{ amount: '4', unit: 'minutes' }, { amount: '15', unit: 'days' }, { amount: '', unit: 'hours' }])).toEqual({ 0: 'range', 1: 'range', 2: 'range' });
  expect(reminderRules([{ amount: '24', unit: 'hours' }, { amount: '1', unit: 'days' }])).toEqual({ 1: 'twice' });
});
