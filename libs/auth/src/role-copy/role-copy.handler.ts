import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { aggregateVersionOf, EventOf, MEMBER_JOINED, MEMBER_LEFT, MemberJoined, MemberLeft, ROLES_CHANGED, RolesChanged } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { RoleCopyRepository } from './role-copy.repository';

/**
 * The role copy's name among a service's handlers: it takes events a service's own handlers take too
 * (coaching's mentor pool, notifications' recipients, reporting's tally of `partners.>`), and each
 * handler has a consumer and an inbox key of its own.
 */
const ROLE_COPY_HANDLER = { handler: 'role-copy' };

/** Keeps the service's copy of roles from partners' events, in the transaction of each delivery. */
@Controller()
export class RoleCopyHandler {
  constructor(private readonly copy: RoleCopyRepository) {}

  @EventPattern(ROLES_CHANGED, ROLE_COPY_HANDLER)
  async rolesChanged(@Payload() event: EventOf<typeof RolesChanged>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.copy.setHubRoles(ctx.manager, { hubId: event.hubId, personId: event.data.personId, hubRoles: event.data.hubRoles, asOf: new Date(event.occurredAt), version: aggregateVersionOf(event) });
  }

  @EventPattern(MEMBER_JOINED, ROLE_COPY_HANDLER)
  async memberJoined(@Payload() event: EventOf<typeof MemberJoined>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { personId, organisationId, role } = event.data;
    await this.copy.setMembership(ctx.manager, { hubId: event.hubId, personId, organisationId, role, asOf: new Date(event.occurredAt), version: aggregateVersionOf(event) });
  }

  @EventPattern(MEMBER_LEFT, ROLE_COPY_HANDLER)
  async memberLeft(@Payload() event: EventOf<typeof MemberLeft>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { personId, organisationId, role } = event.data;
    await this.copy.endMembership(ctx.manager, { hubId: event.hubId, personId, organisationId, role, asOf: new Date(event.occurredAt), version: aggregateVersionOf(event) });
  }
}
