import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { aggregateVersionOf, EventOf, ROLES_CHANGED, RolesChanged } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { MentorRepository } from './mentor.repository';

/** Keeps the mentor pool in step with the hub roles partners hands out. */
@Controller()
export class MentorPoolHandler {
  constructor(private readonly mentors: MentorRepository) {}

  @EventPattern(ROLES_CHANGED)
  async rolesChanged(@Payload() event: EventOf<typeof RolesChanged>, @Ctx() ctx: JetStreamContext): Promise<void> {
    // Everyone whose roles changed gets a row, active or not: a row of someone who is not a mentor
    // (any more) is what keeps a late, older "mentor" event from putting them back in the pool.
    await this.mentors.record(ctx.manager, {
      personId: event.data.personId,
      hubId: event.hubId,
      name: event.data.name,
      active: event.data.hubRoles.includes('mentor'),
      updatedAt: new Date(event.occurredAt),
      version: aggregateVersionOf(event),
    });
  }
}
