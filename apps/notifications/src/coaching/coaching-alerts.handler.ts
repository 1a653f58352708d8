import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ACTION_OVERDUE, ActionOverdue, EventOf, REGISTRATION_PROMOTED, RegistrationPromoted, SESSION_REMINDER_DUE, SessionReminderDue } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { Alerts } from '../alerts/alerts.service';

/** Coaching's reminders: a session coming (its mentor and participants), an action overdue (its owner), a place on a programme (the person promoted). */
@Controller()
export class CoachingAlertsHandler {
  constructor(private readonly alerts: Alerts) {}

  @EventPattern(SESSION_REMINDER_DUE)
  async sessionReminderDue(@Payload() event: EventOf<typeof SessionReminderDue>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { ideaId, ideaTitle, startsAt, place, mentorId, participantIds, sessionId } = event.data;
    await this.alerts.tell(ctx.manager, {
      source: event,
      recipients: [mentorId, ...participantIds],
      category: 'session-reminders',
      kind: 'session-reminder-due',
      params: { ideaId, ideaTitle, sessionId, startsAt, place },
      link: `/ideas/${ideaId}`,
    });
  }

  @EventPattern(REGISTRATION_PROMOTED)
  async registrationPromoted(@Payload() event: EventOf<typeof RegistrationPromoted>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { programmeId, programmeTitle, personId } = event.data;
    await this.alerts.tell(ctx.manager, {
      source: event,
      recipients: [personId],
      category: 'programme-registrations',
      kind: 'registration-promoted',
      params: { programmeId, programmeTitle },
      link: `/programmes/${programmeId}`,
    });
  }

  @EventPattern(ACTION_OVERDUE)
  async actionOverdue(@Payload() event: EventOf<typeof ActionOverdue>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { ideaId, ideaTitle, description, dueOn, ownerId } = event.data;
    await this.alerts.tell(ctx.manager, {
      source: event,
      recipients: [ownerId],
      category: 'overdue-actions',
      kind: 'action-overdue',
      params: { ideaId, ideaTitle, description, dueOn },
      link: `/ideas/${ideaId}`,
    });
  }
}
