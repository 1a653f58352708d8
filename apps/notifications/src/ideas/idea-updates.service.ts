import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RoleCopyRepository } from '@cirkel/auth';
import { aggregateVersionOf, CollaboratorJoined, EventEnvelope, EventOf, IdeaStageChanged } from '@cirkel/contracts';
import { Alerts, AlertSource } from '../alerts/alerts.service';
import { IdeaUpdate } from './idea-update.entity';
import { IdeaUpdateRepository } from './idea-update.repository';

/**
 * The members of an idea's lead and collaborating organisations hear of its moves and of a new
 * collaborator (category `idea-updates`: in the app, e-mail in the daily digest by default); the
 * person who made the change is not told of it.
 *
 * Who hears of an update is decided by the idea's version, not by what has arrived: the lead and the
 * organisations that had joined by the update's version. So every person gets what they would have
 * got had the idea's events come in the order they happened, whatever order they arrive in: a join
 * arriving after later updates tells the joining organisation of each of them (once: a message is
 * once per event and person), and an update arriving after a later join is not told to that
 * organisation. Memberships of the organisations are those known when the event is handled.
 */
@Injectable()
export class IdeaUpdates {
  constructor(
    private readonly updates: IdeaUpdateRepository,
    private readonly alerts: Alerts,
    private readonly roles: RoleCopyRepository,
  ) {}

  async stageChanged(manager: EntityManager, event: EventOf<typeof IdeaStageChanged>): Promise<number> {
    const { ideaId, from, to, leadOrganisationId } = event.data;
    if (from === 'draft') return 0; // the submission itself: the organisation knows, the mentors are told (ideas.submitted)
    return this.handle(manager, event, leadOrganisationId, { kind: 'idea-stage-changed', params: { ideaId, from, to }, organisationId: null });
  }

  async collaboratorJoined(manager: EntityManager, event: EventOf<typeof CollaboratorJoined>): Promise<number> {
    const { ideaId, organisationId, leadOrganisationId } = event.data;
    const told = await this.handle(manager, event, leadOrganisationId, { kind: 'collaborator-joined', params: { ideaId, organisationId }, organisationId });
    // What the idea's organisations were told of after this join, handled before it arrived: the new partner's members hear of it now.
    const members = await this.roles.membersOf(manager, event.hubId, [organisationId]);
    for (const missed of await this.updates.after(manager, ideaId, aggregateVersionOf(event))) {
      const source = { id: missed.sourceEventId, type: missed.sourceType, hubId: missed.hubId, occurredAt: missed.occurredAt.toISOString() };
      await this.tell(manager, source, members.filter((personId) => personId !== missed.actorId), missed);
    }
    return told;
  }

  /** Records the update in the idea's log and tells the lead's and the partners' members (at the update's version) of it. */
  private async handle(manager: EntityManager, event: EventEnvelope, leadOrganisationId: string, update: Pick<IdeaUpdate, 'kind' | 'params' | 'organisationId'>): Promise<number> {
    const { ideaId } = update.params;
    const version = aggregateVersionOf(event);
    await this.updates.lock(manager, ideaId);
    const actorId = event.actor.personId;
    await this.updates.record(manager, { ...update, sourceEventId: event.id, sourceType: event.type, ideaId, hubId: event.hubId, version, actorId, occurredAt: new Date(event.occurredAt) });
    const members = await this.roles.membersOf(manager, event.hubId, [leadOrganisationId, ...(await this.updates.partnersAt(manager, ideaId, version))]);
    return this.tell(manager, event, members.filter((personId) => personId !== actorId), update);
  }

  // The title is looked up when the message is read or sent (idea-titles.ts): `ideas.submitted` may come after.
  private tell(manager: EntityManager, source: AlertSource, recipients: string[], update: Pick<IdeaUpdate, 'kind' | 'params'>): Promise<number> {
    return this.alerts.tell(manager, { source, recipients, category: 'idea-updates', kind: update.kind, params: update.params, link: `/ideas/${update.params.ideaId}` });
  }
}
