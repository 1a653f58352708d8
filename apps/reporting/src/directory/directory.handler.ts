import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  aggregateVersionOf,
  EventEnvelope,
  EventOf,
  IDEA_STAGE_CHANGED,
  IDEA_SUBMITTED,
  IdeaStageChanged,
  IdeaSubmitted,
  ORGANISATION_APPROVED,
  ORGANISATION_REGISTERED,
  ORGANISATION_REJECTED,
  ORGANISATION_UPDATED,
  OrganisationApproved,
  OrganisationRegistered,
  OrganisationRejected,
  OrganisationUpdated,
  SESSION_HELD,
  SessionHeld,
} from '@cirkel/contracts';
import { JetStreamContext } from '@cirkel/messaging';
import { StatisticsRuns } from '../statistics/statistics-runs';
import { DirectoryRepository } from './directory.repository';

/** Reporting's read models of ideas (work domain, stage, moves), organisations (type, status) and coaching sessions held, from their events. */
@Controller()
export class DirectoryHandler {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly runs: StatisticsRuns,
  ) {}

  /**
   * The idea's work domain. Placements recorded for it before (its stage change came first, and a job coach recorded a job
   * for it) count under 'unknown' until their years are counted again: queued here, to run COALESCE_MS later, by when this
   * delivery's transaction has committed (a run is idempotent: a redelivery costs a run, nothing more).
   */
  @EventPattern(IDEA_SUBMITTED)
  async submitted(@Payload() event: EventOf<typeof IdeaSubmitted>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.directory.recordIdea(ctx.manager, { id: event.data.ideaId, hubId: event.hubId, workDomain: event.data.workDomain, stage: 'submitted', version: aggregateVersionOf(event), submittedAt: event.occurredAt });
    await this.runs.figuresChanged(event.hubId, await this.directory.placementYearsOf(ctx.manager, event.hubId, event.data.ideaId));
  }

  @EventPattern(IDEA_STAGE_CHANGED)
  async stageChanged(@Payload() event: EventOf<typeof IdeaStageChanged>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { ideaId, from, to } = event.data;
    await this.directory.recordIdea(ctx.manager, { id: ideaId, hubId: event.hubId, workDomain: null, stage: to, version: aggregateVersionOf(event) });
    await this.directory.recordStageMovement(ctx.manager, { eventId: event.id, hubId: event.hubId, ideaId, from, to, occurredAt: event.occurredAt });
  }

  /** Coaching sessions held and their hours (programme registrations and attendance: ProgrammeActivityHandler). */
  @EventPattern(SESSION_HELD)
  async sessionHeld(@Payload() event: EventOf<typeof SessionHeld>, @Ctx() ctx: JetStreamContext): Promise<void> {
    const { sessionId, ideaId, startsAt, hours, participantIds } = event.data;
    await this.directory.recordHeldSession(ctx.manager, { sessionId, hubId: event.hubId, ideaId, startsAt, hours, participantCount: participantIds.length });
  }

  @EventPattern(ORGANISATION_REGISTERED)
  async registered(@Payload() event: EventOf<typeof OrganisationRegistered>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.organisation(ctx, event, event.data.organisationId, event.data.type, 'pending', { registeredAt: event.occurredAt });
  }

  @EventPattern(ORGANISATION_UPDATED)
  async updated(@Payload() event: EventOf<typeof OrganisationUpdated>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.organisation(ctx, event, event.data.organisationId, event.data.type, event.data.status);
  }

  @EventPattern(ORGANISATION_APPROVED)
  async approved(@Payload() event: EventOf<typeof OrganisationApproved>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.organisation(ctx, event, event.data.organisationId, null, 'active', { approvedAt: event.occurredAt });
  }

  @EventPattern(ORGANISATION_REJECTED)
  async rejected(@Payload() event: EventOf<typeof OrganisationRejected>, @Ctx() ctx: JetStreamContext): Promise<void> {
    await this.organisation(ctx, event, event.data.organisationId, null, 'rejected');
  }

  private organisation(ctx: JetStreamContext, event: EventEnvelope, id: string, type: string | null, status: string, days: { registeredAt?: string; approvedAt?: string } = {}): Promise<void> {
    return this.directory.recordOrganisation(ctx.manager, { id, hubId: event.hubId, type, status, version: aggregateVersionOf(event), ...days });
  }
}
