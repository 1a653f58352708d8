import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ASSIGNMENT_PROPOSED, AssignmentProposed, EventOf, IDEA_SUBMITTED, IdeaSubmitted } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { MentorAlerts } from './mentor-alerts.service';

/** Ideas' and coaching's events that concern mentors. */
@Controller()
export class MentorEventsHandler {
  private readonly logger = new Logger(MentorEventsHandler.name);

  constructor(private readonly alerts: MentorAlerts) {}

  @EventPattern(IDEA_SUBMITTED)
  async handle(@Payload() event: EventOf<typeof IdeaSubmitted>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const told = await this.alerts.ideaSubmitted(ctx.manager, event);
    this.logger.log(`told ${told} mentor(s) of idea ${event.data.ideaId} (${event.data.workDomain})`);
  }

  @EventPattern(ASSIGNMENT_PROPOSED)
  async assignmentProposed(@Payload() event: EventOf<typeof AssignmentProposed>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.alerts.assignmentProposed(ctx.manager, event);
  }
}
