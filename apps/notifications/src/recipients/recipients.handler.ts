import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { aggregateVersionOf, EventOf, MEMBER_JOINED, MemberJoined, ROLES_CHANGED, RolesChanged } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { CITY_DIGEST_READERS } from '../digests/city-digest.service';
import { DigestSchedules } from '../digests/digest-schedules';
import { RecipientRepository } from './recipient.repository';

/** Keeps `recipient` (who holds which hub roles, in which language) in step with partners. */
@Controller()
export class RecipientsHandler {
  constructor(
    private readonly recipients: RecipientRepository,
    private readonly schedules: DigestSchedules,
  ) {}

  @EventPattern(ROLES_CHANGED)
  async rolesChanged(@Payload() event: EventOf<typeof RolesChanged>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { personId, name, language, hubRoles } = event.data;
    await this.recipients.setRoles(ctx.manager, { personId, hubId: event.hubId, name, language, hubRoles, updatedAt: new Date(event.occurredAt), rolesVersion: aggregateVersionOf(event) });
    // A hub with a reader of the city digest gets its scheduler (an upsert: the same one however often).
    if (hubRoles.some((role) => CITY_DIGEST_READERS.includes(role))) await this.schedules.scheduleCityDigest(event.hubId);
  }

  @EventPattern(MEMBER_JOINED)
  async memberJoined(@Payload() event: EventOf<typeof MemberJoined>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { personId, name, language } = event.data;
    // Joining says nothing of hub roles: it adds a person not yet known and changes no one known.
    await this.recipients.addIfMissing(ctx.manager, { personId, hubId: event.hubId, name, language, updatedAt: new Date(event.occurredAt) });
  }
}
