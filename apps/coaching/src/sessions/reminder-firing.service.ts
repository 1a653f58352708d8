import { Injectable, Logger } from '@nestjs/common';
import { ActionOverdue, SessionReminderDue } from '@cirkel/contracts';
import { Cause, UnitOfWork } from '@cirkel/messaging';
import { AssignmentRepository } from '../matching/assignment.repository';
import { CoachedIdea } from '../matching/coached-idea.entity';
import { CoachingSession } from './coaching-session.entity';
import { sessionFacts } from './session-facts';
import { SessionRepository } from './session.repository';

const systemCause = (what: string): Cause => ({ actor: { kind: 'system', personId: null }, correlationId: what, causationId: null });

/**
 * What a reminder job does when its time comes: it finds the session (or action item) as it is now
 * — moved to another start, cancelled, done: nothing — and publishes its event through the outbox,
 * recording it in `reminder_sent` in the same transaction, so a job that runs twice publishes once.
 */
@Injectable()
export class ReminderFiring {
  private readonly logger = new Logger(ReminderFiring.name);

  constructor(
    private readonly sessions: SessionRepository,
    private readonly assignments: AssignmentRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** A session reminder's time: published if the session is still planned at the start the job was queued for, once. */
  async sessionReminderDue(sessionId: string, leadMinutes: number, startsAt: string): Promise<{ sent: boolean }> {
    return this.unitOfWork.run(async (tx) => {
      const session = await this.sessions.findForUpdate(tx.manager, sessionId);
      if (!session || session.status !== 'planned' || session.startsAt.getTime() !== Date.parse(startsAt)) return { sent: false };
      if (!(await this.sessions.markSent(tx.manager, `session.${sessionId}.${leadMinutes}.${Date.parse(startsAt)}`))) return { sent: false };
      const idea = (await this.assignments.idea(tx.manager, session.ideaId)) as CoachedIdea; // a foreign key holds it
      tx.publish(SessionReminderDue, session.hubId, { ...sessionFacts(session, idea.title), leadMinutes }, systemCause(`session-reminder-${sessionId}`));
      this.logger.log(`session ${sessionId}: reminder ${leadMinutes} minutes before`);
      return { sent: true };
    });
  }

  /** The day after an action item's due day: still open (and still due that day), it is overdue, once. */
  async actionOverdue(actionItemId: string, dueOn: string): Promise<{ sent: boolean }> {
    return this.unitOfWork.run(async (tx) => {
      const item = await this.sessions.actionItemForUpdate(tx.manager, actionItemId);
      if (!item || item.doneAt || item.dueOn !== dueOn) return { sent: false };
      if (!(await this.sessions.markSent(tx.manager, `action.${actionItemId}.${dueOn}`))) return { sent: false };
      const session = (await this.sessions.find(tx.manager, item.sessionId)) as CoachingSession; // a foreign key holds it
      const idea = (await this.assignments.idea(tx.manager, session.ideaId)) as CoachedIdea;
      tx.publish(
        ActionOverdue,
        session.hubId,
        { actionItemId, sessionId: session.id, ideaId: session.ideaId, ideaTitle: idea.title, description: item.description, ownerId: item.ownerId, mentorId: session.mentorId, dueOn },
        systemCause(`action-overdue-${actionItemId}`),
      );
      this.logger.log(`action item ${actionItemId} overdue since ${dueOn}`);
      return { sent: true };
    });
  }
}
