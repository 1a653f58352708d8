import { rankMentors, MentorFacts, suggestMentors } from './mentor-matching.rules';

const now = new Date('2026-11-30T12:00:00Z');
const mentor = (personId: string, overrides: Partial<MentorFacts> = {}): MentorFacts => ({ personId, active: true, workDomains: ['care'], capacity: 3, load: 0, unavailableUntil: null, ...overrides });
const ids = (ranked: { personId: string }[]) => ranked.map((r) => r.personId);

describe('rankMentors', () => {
  it('puts mentors of the idea’s work domain first, then the most free places, then the lightest load', () => {
    const ranked = rankMentors(
      { workDomain: 'care' },
      [mentor('a', { workDomains: ['green'], capacity: 9 }), mentor('b', { capacity: 2, load: 1 }), mentor('c', { capacity: 4, load: 1 }), mentor('d', { capacity: 4, load: 2, workDomains: ['care', 'green'] })],
      [],
      now,
    );
    expect(ids(ranked)).toEqual(['c', 'd', 'b', 'a']);
    expect(ranked[0].reasons).toEqual(['coaches care', '3 of 4 places free', 'coaches 1 now']);
  });

  it('leaves out mentors who are full, away, no longer mentors, or were asked before', () => {
    const ranked = rankMentors(
      { workDomain: 'care' },
      [
        mentor('full', { capacity: 2, load: 2 }),
        mentor('away', { unavailableUntil: new Date('2026-12-24T00:00:00Z') }),
        mentor('back', { unavailableUntil: new Date('2026-11-01T00:00:00Z') }),
        mentor('retired', { active: false }),
        mentor('no-profile', { capacity: 0 }),
        mentor('declined'),
      ],
      ['declined'],
      now,
    );
    expect(ids(ranked)).toEqual(['back']);
  });

  it('is stable: equal mentors come in the order of their ids', () => {
    expect(ids(rankMentors({ workDomain: 'care' }, [mentor('z'), mentor('m'), mentor('a')], [], now))).toEqual(['a', 'm', 'z']);
  });
});

describe('suggestMentors', () => {
  it('weighs every active mentor: those matching may propose to first, the rest after them with what stands in the way', () => {
    const suggestions = suggestMentors(
      { workDomain: 'care' },
      [
        mentor('full', { capacity: 2, load: 2 }),
        mentor('away', { unavailableUntil: new Date('2026-12-24T00:00:00Z'), capacity: 5 }),
        mentor('green', { workDomains: ['green'], capacity: 9 }),
        mentor('care'),
        mentor('declined', { capacity: 8 }),
        mentor('retired', { active: false }),
      ],
      ['declined'],
      now,
    );
    expect(suggestions.map((s) => [s.personId, s.eligible])).toEqual([
      ['care', true],
      ['green', true],
      ['declined', false],
      ['away', false],
      ['full', false],
    ]);
    expect(suggestions.find((s) => s.personId === 'away')).toMatchObject({ availableNow: false, free: 5, inDomain: true, reasons: expect.arrayContaining(['unavailable until 2026-12-24T00:00:00.000Z']) });
    expect(suggestions.find((s) => s.personId === 'declined')).toMatchObject({ askedBefore: true, reasons: expect.arrayContaining(['asked before']) });
    expect(suggestions.find((s) => s.personId === 'full')).toMatchObject({ free: 0, load: 2, capacity: 2 });
  });
});
