import { randomUUID } from 'node:crypto';
import { Actor, SYSTEM_ACTOR } from '@cirkel/contracts';

/** What a change knows of why it happens: who, and as part of which request or event. */
export interface Cause {
  actor: Actor;
  correlationId: string;
  /** The id of the event or request that caused this change, if any. */
  causationId: string | null;
}

export function systemCause(correlationId: string = randomUUID()): Cause {
  return { actor: SYSTEM_ACTOR, correlationId, causationId: null };
}

/** The cause of a change a person makes within a request. */
export function personCause(personId: string, correlationId: string): Cause {
  return { actor: { kind: 'person', personId }, correlationId, causationId: null };
}
