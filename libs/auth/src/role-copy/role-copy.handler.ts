import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { aggregateVersionOf, EventOf, MEMBER_JOINED, MEMBER_LEFT, MemberJoined, MemberLeft, ROLES_CHANGED, RolesChanged } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { RoleCopyRepository } from './role-copy.repository';

/** Keeps the service's copy of roles from partners' events, in the transaction of each delivery. */
@Controller()
export class RoleCopyHandler {
  constructor(private readonly copy: RoleCopyRepository) {}

  @EventPattern(ROLES_CHANGED)
  async rolesChanged(@Payload() event: EventOf<typeof RolesChanged>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.copy.setHubRoles(ctx.manager, { hubId: event.hubId, personId: event.data.personId, hubRoles: event.data.hubRoles, asOf: new Date(event.occurredAt), version: aggregateVersionOf(event) });
  }

  @EventPattern(MEMBER_JOINED)
  async memberJoined(@Payload() event: EventOf<typeof MemberJoined>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { personId, organisationId, role } = event.data;
    await this.copy.setMembership(ctx.manager, { hubId: event.hubId, personId, organisationId, role, asOf: new Date(event.occurredAt), version: aggregateVersionOf(event) });
  }

  @EventPattern(MEMBER_LEFT)
  async memberLeft(@Payload() event: EventOf<typeof MemberLeft>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { personId, organisationId, role } = event.data;
    await this.copy.endMembership(ctx.manager, { hubId: event.hubId, personId, organisationId, role, asOf: new Date(event.occurredAt), version: aggregateVersionOf(event) });
  }
}
