import { Injectable, Logger } from '@nestjs/common';
import { ActionOverdue, SessionReminderDue } from '@cirkel/contracts';
import { Cause, UnitOfWork } from '@cirkel/messaging';
import { AssignmentRepository } from '../matching/assignment.repository';
import { CoachedIdea } from '../matching/coached-idea.entity';
import { CoachingSession } from './coaching-session.entity';
import { sessionFacts } from './session-facts';
import { GatheredBatches } from './gathered-batches';
import { ReminderLeads } from './reminder-leads';
import { SessionRepository } from './session.repository';

const systemCause = (what: string): Cause => ({ actor: { kind: 'system', personId: null }, correlationId: what, causationId: null });

/** A session reminder as its job was queued: for the session at `startsAt`, `leadMinutes` before. */
export interface SessionReminderWanted {
  sessionId: string;
  leadMinutes: number;
  startsAt: string;
}

/** Session reminders per transaction at most, for jobs queued one per reminder (before `session_reminder`), and transactions at once (each holds a connection of the pool). */
const REMINDER_BATCH = 500;
const REMINDER_TRANSACTIONS = 2;
/** Reminder jobs queued one per reminder running at once (`SessionReminderJob`): only those queued before `session_reminder` are left, so a few. */
export const SESSION_REMINDER_JOBS = 16;
/** Session reminder rows claimed per transaction (`fireDue`): a bucket's job claims them a chunk at a time until none is due. */
const CLAIM_CHUNK = 1000;

/**
 * What a reminder job does when its time comes. Session reminders are rows of `session_reminder`
 * (`SessionReminders`): the job of a due bucket claims every row due by then, a chunk a transaction,
 * and publishes their events through the outbox in the same transaction (`fireDue`). A job queued
 * per reminder (before those rows) finds the session (or action item) as it is now
 * — moved to another start, cancelled, done: nothing — and publishes its event through the outbox,
 * recording it in `reminder_sent` in the same transaction, so a job that runs twice publishes once.
 * Session reminders that fall due together go out together: the jobs running at once hand theirs to
 * one transaction (`GatheredBatches`; two at most at a time), which claims them in one statement and
 * writes their events in one outbox statement.
 */
@Injectable()
export class ReminderFiring {
  private readonly logger = new Logger(ReminderFiring.name);
  private readonly sessionReminders = new GatheredBatches<SessionReminderWanted, { sent: boolean }>((wanted) => this.fireSessionReminders(wanted), REMINDER_BATCH, REMINDER_TRANSACTIONS);

  constructor(
    private readonly sessions: SessionRepository,
    private readonly assignments: AssignmentRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly leads: ReminderLeads,
  ) {}

  /**
   * Sends every session reminder due by `dueBy` that is not being claimed or changed elsewhere: a
   * transaction per chunk of `chunkSize` rows (`CLAIM_CHUNK`) (claimed, deleted, each recorded in `reminder_sent`
   * and its `coaching.session-reminder-due` written to the outbox, together), until fewer than a
   * chunk were due. A reminder whose session moved or was cancelled since (its row was replaced or
   * deleted by that change, or is checked against the session now) sends nothing. Answers how many
   * went out.
   */
  async fireDue(dueBy: Date, chunkSize = CLAIM_CHUNK): Promise<{ sent: number; taken: number }> {
    let sent = 0;
    let taken = 0;
    for (;;) {
      const chunk = await this.unitOfWork.run(async (tx) => {
        const found = await this.sessions.claimDueSessionReminders(tx.manager, dueBy, chunkSize, this.leads.defaults);
        for (const { session, ideaTitle, leadMinutes } of found.claimed) {
          tx.publish(SessionReminderDue, session.hubId, { ...sessionFacts(session, ideaTitle), leadMinutes }, systemCause(`session-reminder-${session.id}`));
        }
        return found;
      });
      sent += chunk.claimed.length;
      taken += chunk.taken;
      if (chunk.taken < chunkSize) break;
    }
    if (sent > 0) this.logger.log(`${sent} session reminders sent (of ${taken} due by ${dueBy.toISOString()})`);
    return { sent, taken };
  }

  /** A session reminder's time (a job queued per reminder): published if the session is still planned at the start the job was queued for, and the lead is still one of its hub's, once. */
  sessionReminderDue(sessionId: string, leadMinutes: number, startsAt: string): Promise<{ sent: boolean }> {
    return this.sessionReminders.submit({ sessionId, leadMinutes, startsAt });
  }

  private async fireSessionReminders(wanted: SessionReminderWanted[]): Promise<{ sent: boolean }[]> {
    const keys = wanted.map((w) => sessionReminderKey(w.sessionId, w.leadMinutes, w.startsAt));
    const sent = await this.unitOfWork.run(async (tx) => {
      const claimed = await this.sessions.claimSessionReminders(tx.manager, wanted.map((w, i) => ({ ...w, key: keys[i] })), this.leads.defaults);
      for (const { session, ideaTitle, leadMinutes } of claimed) {
        tx.publish(SessionReminderDue, session.hubId, { ...sessionFacts(session, ideaTitle), leadMinutes }, systemCause(`session-reminder-${session.id}`));
      }
      return new Set(claimed.map((c) => c.key));
    });
    if (sent.size > 0) this.logger.log(sent.size === 1 ? `session reminder sent: ${[...sent][0]}` : `${sent.size} session reminders sent together (of ${wanted.length} due)`);
    return keys.map((key) => ({ sent: sent.has(key) }));
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

/** The key of a session reminder in `reminder_sent`: session, lead and start (ms), as its job id. */
function sessionReminderKey(sessionId: string, leadMinutes: number, startsAt: string): string {
  return `session.${sessionId}.${leadMinutes}.${Date.parse(startsAt)}`;
}
