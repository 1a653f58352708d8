import { coachingEnvironment, coachingSettings } from './coaching.config';

describe('coaching settings', () => {
  it('reads reminder leads in minutes, largest first, each once, with 24 h and 1 h by default', () => {
    expect(coachingSettings(coachingEnvironment.parse({})).coaching).toMatchObject({ reminderLeadsMinutes: [1440, 60], actionOverdueHour: 9 });
    expect(coachingSettings(coachingEnvironment.parse({ COACHING_REMINDER_LEADS_MINUTES: '5,120,5' })).coaching.reminderLeadsMinutes).toEqual([120, 5]);
  });

  it('refuses leads that are not minutes, or out of range', () => {
    expect(coachingEnvironment.safeParse({ COACHING_REMINDER_LEADS_MINUTES: '1d' }).success).toBe(false);
    expect(coachingEnvironment.safeParse({ COACHING_REMINDER_LEADS_MINUTES: '0' }).success).toBe(false);
    expect(coachingEnvironment.safeParse({ COACHING_ACTION_OVERDUE_HOUR: '24' }).success).toBe(false);
  });
});
