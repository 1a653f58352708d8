import { DigestActivity, DigestFiguresV2View } from '@cirkel/contracts';

/** Reporting's answer to `reporting.get-digest-figures` v2, as the tests' fake gives it: small counts withheld (null). */
export const figure = (value: number | null) => ({ value, suppressed: value === null });

const breakdown = (total: number | null, groups: Record<string, number | null>) => ({ total: figure(total), groups: Object.entries(groups).map(([group, count]) => ({ group, count: figure(count) })) });

const weekActivity: DigestActivity = {
  organisationsRegistered: breakdown(5, { regular: 5 }),
  organisationsApproved: breakdown(null, { regular: null }),
  ideasSubmitted: breakdown(6, { green: 6 }),
  stageMovements: breakdown(8, { screening: 8 }),
  coaching: { sessionsHeld: figure(9), hours: figure(13.5) },
  programmes: { registrations: figure(null), attended: figure(17) },
};

const yearActivity: DigestActivity = {
  organisationsRegistered: breakdown(23, { regular: 11, social: 7, startup: null, public: null }),
  organisationsApproved: breakdown(19, { regular: 10, social: 9 }),
  ideasSubmitted: breakdown(40, { green: 25, care: 15 }),
  stageMovements: breakdown(52, { screening: 30, business_model: 22 }),
  coaching: { sessionsHeld: figure(77), hours: figure(101.5) },
  programmes: { registrations: figure(64), attended: figure(210) },
};

export function digestFiguresV2(hubId: string, week: string): DigestFiguresV2View {
  return {
    hubId,
    week: {
      key: week,
      from: '2026-11-23',
      to: '2026-11-29',
      figures: { jobsCreated: figure(7), socialEconomyJobs: figure(null), fte: figure(5.5), participantsEntered: figure(12), participantsLeft: figure(null) },
      activity: weekActivity,
    },
    yearToDate: {
      key: '2026',
      from: '2026-01-01',
      to: '2026-11-29',
      figures: { jobsCreated: figure(84), socialEconomyJobs: figure(31), fte: figure(61.2), participantsEntered: figure(140), participantsLeft: figure(22) },
      activity: yearActivity,
    },
    jobs: {
      year: 2026,
      target: { jobs: 150, socialJobs: 50, fte: 100, participants: 300 },
      perMonth: [
        { month: '2026-01', jobs: figure(10) },
        { month: '2026-02', jobs: figure(20) },
        { month: '2026-03', jobs: figure(null) },
        { month: '2026-04', jobs: figure(0) },
      ],
    },
    rules: 'Counts of 1 to 4 are withheld, and so is what would reveal them.',
  };
}
