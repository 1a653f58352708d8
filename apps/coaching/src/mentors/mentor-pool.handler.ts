import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, ROLES_CHANGED, RolesChanged } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { MentorRepository } from './mentor.repository';

/** Keeps the mentor pool in step with the hub roles partners hands out. */
@Controller()
export class MentorPoolHandler {
  constructor(private readonly mentors: MentorRepository) {}

  @EventPattern(ROLES_CHANGED)
  async rolesChanged(@Payload() event: EventOf<typeof RolesChanged>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const isMentor = event.data.hubRoles.includes('mentor');
    // Someone who never was a mentor does not enter the pool as an inactive one.
    if (!isMentor && !(await this.mentors.isKnown(ctx.manager, event.data.personId))) return;
    await this.mentors.record(ctx.manager, { personId: event.data.personId, hubId: event.hubId, name: event.data.name, active: isMentor, updatedAt: new Date(event.occurredAt) });
  }
}
