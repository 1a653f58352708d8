import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { IdeaCopy } from './idea-copy.entity';

/** Merges that do not depend on order: a title only fills a row, a collaborator is only added. */
@Injectable()
export class IdeaCopyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async submitted(manager: EntityManager, idea: Omit<IdeaCopy, 'collaboratorIds'>): Promise<void> {
    await manager.query(
      `INSERT INTO idea_copy (idea_id, hub_id, title, lead_organisation_id, collaborator_ids) VALUES ($1, $2, $3, $4, '{}')
       ON CONFLICT (idea_id) DO UPDATE SET title = excluded.title`,
      [idea.ideaId, idea.hubId, idea.title, idea.leadOrganisationId],
    );
  }

  async collaboratorJoined(manager: EntityManager, hubId: string, ideaId: string, leadOrganisationId: string, organisationId: string): Promise<void> {
    await manager.query(
      `INSERT INTO idea_copy (idea_id, hub_id, title, lead_organisation_id, collaborator_ids) VALUES ($1, $2, '', $3, ARRAY[$4]::uuid[])
       ON CONFLICT (idea_id) DO UPDATE SET collaborator_ids = CASE WHEN $4 = ANY(idea_copy.collaborator_ids) THEN idea_copy.collaborator_ids ELSE idea_copy.collaborator_ids || $4 END`,
      [ideaId, hubId, leadOrganisationId, organisationId],
    );
  }

  find(manager: EntityManager, ideaId: string): Promise<IdeaCopy | null> {
    return manager.getRepository(IdeaCopy).findOneBy({ ideaId });
  }

  /** The titles known of the ideas (an idea whose `ideas.submitted` has not arrived yet has none). */
  async titles(ideaIds: readonly string[]): Promise<Map<string, string>> {
    if (ideaIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(IdeaCopy).find({ where: { ideaId: In([...ideaIds]) }, select: { ideaId: true, title: true } });
    return new Map(rows.filter((r) => r.title !== '').map((r) => [r.ideaId, r.title]));
  }
}
