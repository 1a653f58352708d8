import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { IdeaCopy } from './idea-copy.entity';

/** The titles of ideas, from `ideas.submitted` (the same however often or late it arrives). */
@Injectable()
export class IdeaCopyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async submitted(manager: EntityManager, idea: IdeaCopy): Promise<void> {
    await manager.query(
      `INSERT INTO idea_copy (idea_id, hub_id, title, lead_organisation_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (idea_id) DO UPDATE SET title = excluded.title`,
      [idea.ideaId, idea.hubId, idea.title, idea.leadOrganisationId],
    );
  }

  /** The titles known of the ideas (an idea whose `ideas.submitted` has not arrived yet has none). */
  async titles(ideaIds: readonly string[]): Promise<Map<string, string>> {
    if (ideaIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(IdeaCopy).find({ where: { ideaId: In([...ideaIds]) }, select: { ideaId: true, title: true } });
    return new Map(rows.filter((r) => r.title !== '').map((r) => [r.ideaId, r.title]));
  }
}
