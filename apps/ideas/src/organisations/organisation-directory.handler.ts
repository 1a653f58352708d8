import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  EventOf,
  EventEnvelope,
  ORGANISATION_APPROVED,
  ORGANISATION_REGISTERED,
  ORGANISATION_UPDATED,
  OrganisationApproved,
  OrganisationRegistered,
  OrganisationUpdated,
} from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { KnownOrganisation } from './known-organisation.entity';

/** Keeps `known_organisation` in step with the partners context. */
@Controller()
export class OrganisationDirectoryHandler {
  @EventPattern(ORGANISATION_REGISTERED)
  async registered(@Payload() event: EventOf<typeof OrganisationRegistered>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.upsert(ctx, event, { id: event.data.organisationId, name: event.data.name, status: 'pending' });
  }

  @EventPattern(ORGANISATION_UPDATED)
  async updated(@Payload() event: EventOf<typeof OrganisationUpdated>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.upsert(ctx, event, { id: event.data.organisationId, name: event.data.name, status: event.data.status });
  }

  @EventPattern(ORGANISATION_APPROVED)
  async approved(@Payload() event: EventOf<typeof OrganisationApproved>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.upsert(ctx, event, { id: event.data.organisationId, name: event.data.name, status: 'active' });
  }

  /** Events may arrive out of order across replicas: an older event never overwrites a newer state. */
  private async upsert(ctx: JetStreamContext, event: EventEnvelope, values: Pick<KnownOrganisation, 'id' | 'name' | 'status'>): Promise<void> {
    await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(KnownOrganisation)
      .values({ ...values, hubId: event.hubId, updatedAt: new Date(event.occurredAt) })
      .orUpdate(['name', 'status', 'updated_at'], ['id'], { overwriteCondition: { where: 'known_organisation.updated_at <= EXCLUDED.updated_at' } })
      .execute();
  }
}
