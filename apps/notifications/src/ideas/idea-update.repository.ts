import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IdeaUpdate } from './idea-update.entity';

/** The first key of the advisory locks that take an idea's updates one at a time (the second is the idea's hash). */
const IDEA_UPDATES_LOCK = 0x696475; // "idu"

/** The log of what an idea's organisations were told of (idea-update.entity.ts). */
@Injectable()
export class IdeaUpdateRepository {
  /**
   * Until the transaction ends, no other update of the idea is handled: a move and a join handled at
   * once would each miss the other (the move not seeing the new partner, the join not seeing the move).
   */
  async lock(manager: EntityManager, ideaId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [IDEA_UPDATES_LOCK, ideaId]);
  }

  async record(manager: EntityManager, update: IdeaUpdate): Promise<void> {
    await manager.createQueryBuilder().insert().into(IdeaUpdate).values(update).orIgnore().execute();
  }

  /**
   * The organisations that had joined the idea by a version (a join of that version included); at
   * version 0 (an event from before versions, its place unknown) every one known.
   */
  async partnersAt(manager: EntityManager, ideaId: string, version: number): Promise<string[]> {
    const rows: { organisation_id: string }[] = await manager.query(
      `SELECT DISTINCT organisation_id FROM idea_update
        WHERE idea_id = $1 AND kind = 'collaborator-joined' AND ($2 = 0 OR version <= $2) ORDER BY organisation_id`,
      [ideaId, version],
    );
    return rows.map((r) => r.organisation_id);
  }

  /** What the idea's organisations were told of after a version, oldest first (none after version 0: its place is not known). */
  after(manager: EntityManager, ideaId: string, version: number): Promise<IdeaUpdate[]> {
    if (version === 0) return Promise.resolve([]);
    return manager
      .getRepository(IdeaUpdate)
      .createQueryBuilder('u')
      .where('u.idea_id = :ideaId AND u.version > :version', { ideaId, version })
      .orderBy('u.version', 'ASC')
      .getMany();
  }
}
