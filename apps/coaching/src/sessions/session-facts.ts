import { CoachingSession } from './coaching-session.entity';

/** What every session event says of the session (see `SessionPlanned`). */
export function sessionFacts(session: CoachingSession, ideaTitle: string) {
  return {
    sessionId: session.id,
    assignmentId: session.assignmentId,
    ideaId: session.ideaId,
    ideaTitle,
    mentorId: session.mentorId,
    participantIds: session.participantIds,
    startsAt: session.startsAt.toISOString(),
    durationMinutes: session.durationMinutes,
    place: session.place,
  };
}
