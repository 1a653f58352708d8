import { z } from 'zod';
import { defineEvent } from '../events/event-contract';
import { workDomainSchema } from '../shared/vocabulary';

/**
 * A mentor saved their profile (`PUT /mentors/me`): notifications tells mentors of new ideas in
 * their work domains while they are available, from its own copy of this event. The whole profile
 * as it is after the change; versions of one mentor's profile order it (newest wins).
 */
export const MentorProfileChanged = defineEvent(
  'coaching.mentor-profile-changed',
  1,
  z.object({
    personId: z.uuid(),
    workDomains: z.array(workDomainSchema),
    capacity: z.number().int().nonnegative(),
    /** Not available for new ideas before this time; null: available. */
    unavailableUntil: z.iso.datetime({ offset: true }).nullable(),
  }),
  { type: 'mentor-profile', id: (data: { personId: string }) => data.personId },
);
export const MENTOR_PROFILE_CHANGED = MentorProfileChanged.type;
