import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { aggregateVersionOf, EventOf, ORGANISATION_CHANGE_PROPOSED, ORGANISATION_REGISTERED, OrganisationChangeProposed, OrganisationRegistered } from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { OrganisationStatusRepository } from '../organisations/organisation-status.repository';
import { NotificationsService } from './notifications.service';

/** Partners' events the hub admins are told of: a new registration, and an active organisation's change that waits for their approval. */
@Controller()
export class OrganisationRegisteredHandler {
  private readonly logger = new Logger(OrganisationRegisteredHandler.name);

  constructor(
    private readonly notifications: NotificationsService,
    private readonly organisations: OrganisationStatusRepository,
  ) {}

  @EventPattern(ORGANISATION_REGISTERED)
  async handle(@Payload() event: EventOf<typeof OrganisationRegistered>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.organisations.save(ctx.manager, { organisationId: event.data.organisationId, hubId: event.hubId, status: 'pending', version: aggregateVersionOf(event) });
    const told = await this.notifications.organisationRegistered(ctx.manager, event);
    this.logger.log(`told ${told} hub admin(s) of ${event.data.name}`);
  }

  @EventPattern(ORGANISATION_CHANGE_PROPOSED)
  async changeProposed(@Payload() event: EventOf<typeof OrganisationChangeProposed>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const told = await this.notifications.organisationChangeProposed(ctx.manager, event);
    this.logger.log(`told ${told} hub admin(s) of a change proposed for ${event.data.name}`);
  }
}
