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

/** A mentor weighed for an idea, with what speaks for and against them. */
export interface MentorSuggestion {
  personId: string;
  /** Matching would propose the idea to them: active, a free place, available now, not asked before. */
  eligible: boolean;
  inDomain: boolean;
  capacity: number;
  load: number;
  free: number;
  availableNow: boolean;
  unavailableUntil: Date | null;
  askedBefore: boolean;
  reasons: string[];
}

/**
 * Every active mentor weighed for an idea, best first: those matching may propose to (a free place,
 * available now, not asked before) before the rest; within each, those who coach the idea's work
 * domain first, then the most free places, then the lightest load (ties by id, so the order is stable).
 */
export function suggestMentors(idea: { workDomain: WorkDomain }, mentors: MentorFacts[], askedBefore: string[], now: Date): MentorSuggestion[] {
  return mentors
    .filter((m) => m.active)
    .map((m) => {
      const free = Math.max(0, m.capacity - m.load);
      const availableNow = !(m.unavailableUntil && m.unavailableUntil > now);
      const asked = askedBefore.includes(m.personId);
      const inDomain = m.workDomains.includes(idea.workDomain);
      const reasons = [inDomain ? `coaches ${idea.workDomain}` : `does not list ${idea.workDomain}`, `${free} of ${m.capacity} places free`, `coaches ${m.load} now`];
      if (!availableNow) reasons.push(`unavailable until ${m.unavailableUntil?.toISOString()}`);
      if (asked) reasons.push('asked before');
      return { personId: m.personId, eligible: free > 0 && availableNow && !asked, inDomain, capacity: m.capacity, load: m.load, free, availableNow, unavailableUntil: m.unavailableUntil, askedBefore: asked, reasons };
    })
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || Number(b.inDomain) - Number(a.inDomain) || b.free - a.free || a.load - b.load || (a.personId < b.personId ? -1 : 1));
}

/**
 * The mentors an idea may be proposed to, best first: only active mentors with a free place who are
 * available now and were not asked before, in `suggestMentors`' order.
 */
export function rankMentors(idea: { workDomain: WorkDomain }, mentors: MentorFacts[], askedBefore: string[], now: Date): RankedMentor[] {
  return suggestMentors(idea, mentors, askedBefore, now)
    .filter((s) => s.eligible)
    .map(({ personId, reasons }) => ({ personId, reasons }));
}
