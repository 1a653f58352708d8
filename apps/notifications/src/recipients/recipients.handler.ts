import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventOf, MEMBER_JOINED, MemberJoined, ROLES_CHANGED, RolesChanged } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { RecipientRepository } from './recipient.repository';

/** Keeps `recipient` (who holds which hub roles, in which language) in step with partners. */
@Controller()
export class RecipientsHandler {
  constructor(private readonly recipients: RecipientRepository) {}

  @EventPattern(ROLES_CHANGED)
  async rolesChanged(@Payload() event: EventOf<typeof RolesChanged>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { personId, name, language, hubRoles } = event.data;
    await this.recipients.upsert(ctx.manager, { personId, hubId: event.hubId, name, language, hubRoles, updatedAt: new Date(event.occurredAt) }, [
      'name',
      'language',
      'hubRoles',
    ]);
  }

  @EventPattern(MEMBER_JOINED)
  async memberJoined(@Payload() event: EventOf<typeof MemberJoined>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { personId, name, language } = event.data;
    await this.recipients.upsert(ctx.manager, { personId, hubId: event.hubId, name, language, hubRoles: [], updatedAt: new Date(event.occurredAt) }, [
      'name',
      'language',
    ]);
  }
}
