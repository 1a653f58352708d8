import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, ROLES_CHANGED, RolesChanged } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { Mentor } from './mentor.entity';

/** Keeps the mentor pool in step with the hub roles partners hands out. */
@Controller()
export class MentorPoolHandler {
  @EventPattern(ROLES_CHANGED)
  async rolesChanged(@Payload() event: EventOf<typeof RolesChanged>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const isMentor = event.data.hubRoles.includes('mentor');
    const known = await ctx.manager.existsBy(Mentor, { personId: event.data.personId });
    if (!isMentor && !known) return;
    await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(Mentor)
      .values({ personId: event.data.personId, hubId: event.hubId, name: event.data.name, active: isMentor, updatedAt: new Date(event.occurredAt) })
      .orUpdate(['name', 'active', 'updated_at'], ['person_id'], { overwriteCondition: { where: 'mentor.updated_at <= EXCLUDED.updated_at' } })
      .execute();
  }
}
