import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, IDEA_SUBMITTED, IdeaSubmitted } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { MatchingService } from './matching.service';

/** A submitted idea is proposed to a mentor, in the transaction of the event's delivery. */
@Controller()
export class MatchingHandler {
  constructor(private readonly matching: MatchingService) {}

  @EventPattern(IDEA_SUBMITTED)
  async ideaSubmitted(@Payload() event: EventOf<typeof IdeaSubmitted>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { ideaId, title, workDomain, leadOrganisationId } = event.data;
    await this.matching.ideaSubmitted(
      ctx.manager,
      { id: ideaId, hubId: event.hubId, title, workDomain, leadOrganisationId, submittedAt: new Date(event.occurredAt) },
      { actor: event.actor, correlationId: event.correlationId, causationId: event.id },
    );
  }
}
