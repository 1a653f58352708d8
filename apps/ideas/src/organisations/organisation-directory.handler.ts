import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  aggregateVersionOf,
  EventOf,
  EventEnvelope,
  ORGANISATION_APPROVED,
  ORGANISATION_REGISTERED,
  ORGANISATION_REJECTED,
  ORGANISATION_UPDATED,
  OrganisationApproved,
  OrganisationRegistered,
  OrganisationRejected,
  OrganisationUpdated,
} from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { KnownOrganisation } from './known-organisation.entity';
import { KnownOrganisationRepository } from './known-organisation.repository';

/** Keeps `known_organisation` in step with the partners context. */
@Controller()
export class OrganisationDirectoryHandler {
  constructor(private readonly organisations: KnownOrganisationRepository) {}

  @EventPattern(ORGANISATION_REGISTERED)
  async registered(@Payload() event: EventOf<typeof OrganisationRegistered>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.record(ctx, event, { id: event.data.organisationId, name: event.data.name, status: 'pending' });
  }

  @EventPattern(ORGANISATION_UPDATED)
  async updated(@Payload() event: EventOf<typeof OrganisationUpdated>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.record(ctx, event, { id: event.data.organisationId, name: event.data.name, status: event.data.status });
  }

  /** A rejected registration stays known (ideas may name it) but never becomes a partner. */
  @EventPattern(ORGANISATION_REJECTED)
  async rejected(@Payload() event: EventOf<typeof OrganisationRejected>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.record(ctx, event, { id: event.data.organisationId, name: event.data.name, status: 'rejected' });
  }

  @EventPattern(ORGANISATION_APPROVED)
  async approved(@Payload() event: EventOf<typeof OrganisationApproved>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.record(ctx, event, { id: event.data.organisationId, name: event.data.name, status: 'active' });
  }

  private record(ctx: JetStreamContext, event: EventEnvelope, values: Pick<KnownOrganisation, 'id' | 'name' | 'status'>): Promise<void> {
    return this.organisations.record(ctx.manager, { ...values, hubId: event.hubId, updatedAt: new Date(event.occurredAt), version: aggregateVersionOf(event) });
  }
}
