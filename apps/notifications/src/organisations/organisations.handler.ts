import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  aggregateVersionOf,
  CHARTER_PUBLISHED,
  CharterPublished,
  EventEnvelope,
  EventOf,
  ORGANISATION_APPROVED,
  ORGANISATION_REJECTED,
  ORGANISATION_UPDATED,
  OrganisationApproved,
  OrganisationRejected,
  OrganisationStatus,
  OrganisationUpdated,
} from '@cirkel/contracts';
import { RoleCopyRepository } from '@cirkel/auth';
import { JetStreamContext } from '@cirkel/messaging';
import { Alerts } from '../alerts/alerts.service';
import { OrganisationStatusRepository } from './organisation-status.repository';

/** Organisations' status (kept), and a new charter: every active organisation's org admins must sign it (cannot be switched off). */
@Controller()
export class OrganisationsHandler {
  constructor(
    private readonly organisations: OrganisationStatusRepository,
    private readonly alerts: Alerts,
    private readonly roles: RoleCopyRepository,
  ) {}

  @EventPattern(ORGANISATION_APPROVED)
  approved(@Payload() event: EventOf<typeof OrganisationApproved>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.status(ctx, event, event.data.organisationId, 'active');
  }

  @EventPattern(ORGANISATION_REJECTED)
  rejected(@Payload() event: EventOf<typeof OrganisationRejected>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.status(ctx, event, event.data.organisationId, 'rejected');
  }

  @EventPattern(ORGANISATION_UPDATED)
  updated(@Payload() event: EventOf<typeof OrganisationUpdated>, @Ctx() ctx: JetStreamContext): Promise<void> {
    return this.status(ctx, event, event.data.organisationId, event.data.status);
  }

  @EventPattern(CHARTER_PUBLISHED)
  async charterPublished(@Payload() event: EventOf<typeof CharterPublished>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const admins = await this.roles.membersOf(ctx.manager, event.hubId, await this.organisations.activeIn(ctx.manager, event.hubId), 'org_admin');
    await this.alerts.tell(ctx.manager, { source: event, recipients: admins, category: 'charters', kind: 'charter-published', params: { version: String(event.data.version) }, link: '/charters/current' });
  }

  private async status(ctx: JetStreamContext, event: EventEnvelope, organisationId: string, status: OrganisationStatus): Promise<void> {
    await this.organisations.save(ctx.manager, { organisationId, hubId: event.hubId, status, version: aggregateVersionOf(event) });
  }
}
