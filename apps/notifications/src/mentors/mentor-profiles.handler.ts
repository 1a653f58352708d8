import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { aggregateVersionOf, EventOf, MENTOR_PROFILE_CHANGED, MentorProfileChanged } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { MentorProfileRepository } from './mentor-profile.repository';

/** Keeps `mentor_profile` in step with coaching (newest version wins). */
@Controller()
export class MentorProfilesHandler {
  constructor(private readonly profiles: MentorProfileRepository) {}

  @EventPattern(MENTOR_PROFILE_CHANGED)
  async profileChanged(@Payload() event: EventOf<typeof MentorProfileChanged>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { personId, workDomains, capacity, unavailableUntil } = event.data;
    await this.profiles.save(ctx.manager, {
      personId,
      hubId: event.hubId,
      workDomains,
      capacity,
      unavailableUntil: unavailableUntil ? new Date(unavailableUntil) : null,
      version: aggregateVersionOf(event),
    });
  }
}
