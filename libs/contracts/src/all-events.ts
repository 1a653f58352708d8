import { EventContract } from './events/event-contract';
import { EventRegistry } from './events/event-registry';
import { COACHING_EVENTS } from './coaching/coaching.events';
import { MentorProfileChanged } from './coaching/mentor-profile.events';
import { IDEAS_EVENTS } from './ideas/ideas.events';
import { PARTNERS_EVENTS } from './partners/partners.events';
import { EmailQueued } from './partners/partners.mail';
import { REPORTING_EVENTS } from './reporting/reporting.events';

/** Every event of every context; services validate what they consume against it. */
export const ALL_EVENTS: readonly EventContract[] = [...PARTNERS_EVENTS, EmailQueued, ...IDEAS_EVENTS, ...COACHING_EVENTS, MentorProfileChanged, ...REPORTING_EVENTS];

export function eventRegistry(extra: readonly EventContract[] = []): EventRegistry {
  return new EventRegistry([...ALL_EVENTS, ...extra]);
}
