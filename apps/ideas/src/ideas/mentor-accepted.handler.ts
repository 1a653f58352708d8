import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ASSIGNMENT_ACCEPTED, AssignmentAccepted, aggregateVersionOf, EventOf } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { IdeaRepository } from './idea.repository';

/** A mentor accepted an idea (coaching): from now on it may enter the coaching stage, and shows its mentor (the newest version of its coaching wins). */
@Controller()
export class MentorAcceptedHandler {
  constructor(private readonly ideas: IdeaRepository) {}

  @EventPattern(ASSIGNMENT_ACCEPTED)
  async accepted(@Payload() event: EventOf<typeof AssignmentAccepted>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.ideas.recordMentor(event.data.ideaId, { id: event.data.mentorId, name: event.data.mentorName ?? null, version: aggregateVersionOf(event) }, ctx.manager);
  }
}
