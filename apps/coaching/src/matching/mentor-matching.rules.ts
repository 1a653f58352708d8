import { WorkDomain } from '@cirkel/contracts';

/** What matching knows of a mentor. */
export interface MentorFacts {
  personId: string;
  active: boolean;
  workDomains: WorkDomain[];
  capacity: number;
  /** Ideas accepted and not ended. */
  load: number;
  unavailableUntil: Date | null;
}

export interface RankedMentor {
  personId: string;
  reasons: string[];
}

/**
 * The mentors an idea may be proposed to, best first: only active mentors with a free place who are
 * available now and were not asked before; those who coach the idea's work domain first, then the
 * most free places, then the lightest load (ties by id, so the order is stable).
 */
export function rankMentors(idea: { workDomain: WorkDomain }, mentors: MentorFacts[], askedBefore: string[], now: Date): RankedMentor[] {
  return mentors
    .filter((m) => m.active && m.capacity - m.load > 0 && !askedBefore.includes(m.personId) && !(m.unavailableUntil && m.unavailableUntil > now))
    .map((m) => ({ mentor: m, inDomain: m.workDomains.includes(idea.workDomain), free: m.capacity - m.load }))
    .sort((a, b) => Number(b.inDomain) - Number(a.inDomain) || b.free - a.free || a.mentor.load - b.mentor.load || (a.mentor.personId < b.mentor.personId ? -1 : 1))
    .map(({ mentor, inDomain, free }) => ({
      personId: mentor.personId,
      reasons: [inDomain ? `coaches ${idea.workDomain}` : `does not list ${idea.workDomain}`, `${free} of ${mentor.capacity} places free`, `coaches ${mentor.load} now`],
    }));
}
