import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, IDEA_SUBMITTED, IdeaSubmitted } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { MentorAlerts } from './mentor-alerts.service';

@Controller()
export class IdeaSubmittedHandler {
  private readonly logger = new Logger(IdeaSubmittedHandler.name);

  constructor(private readonly alerts: MentorAlerts) {}

  @EventPattern(IDEA_SUBMITTED)
  async handle(@Payload() event: EventOf<typeof IdeaSubmitted>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const told = await this.alerts.ideaSubmitted(ctx.manager, event);
    this.logger.log(`told ${told} mentor(s) of idea ${event.data.ideaId} (${event.data.workDomain})`);
  }
}
