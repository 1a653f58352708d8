import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Assignment } from './assignment.entity';
import { CoachedIdea } from './coached-idea.entity';

@Injectable()
export class AssignmentRepository {
  async recordIdea(manager: EntityManager, idea: CoachedIdea): Promise<void> {
    await manager.createQueryBuilder().insert().into(CoachedIdea).values(idea).orIgnore().execute();
  }

  idea(manager: EntityManager, id: string): Promise<CoachedIdea | null> {
    return manager.findOneBy(CoachedIdea, { id });
  }

  ideaForUpdate(manager: EntityManager, id: string): Promise<CoachedIdea | null> {
    return manager.createQueryBuilder(CoachedIdea, 'i').where('i.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  ideas(manager: EntityManager, ids: string[]): Promise<CoachedIdea[]> {
    return ids.length === 0 ? Promise.resolve([]) : manager.findBy(CoachedIdea, { id: In(ids) });
  }

  async save(manager: EntityManager, assignment: Assignment): Promise<void> {
    await manager.upsert(Assignment, assignment, ['id']);
  }

  ofIdea(manager: EntityManager, ideaId: string): Promise<Assignment[]> {
    return manager.find(Assignment, { where: { ideaId }, order: { proposedAt: 'ASC' } });
  }

  /** Every proposal still waiting for its mentor's answer (their timeouts are queued again at start). */
  openProposals(manager: EntityManager): Promise<Assignment[]> {
    return manager.find(Assignment, { where: { status: 'proposed' } });
  }

  ofMentor(manager: EntityManager, mentorId: string): Promise<Assignment[]> {
    return manager.find(Assignment, { where: { mentorId }, order: { proposedAt: 'DESC' } });
  }

  /** The assignment, not locked (to read). */
  find(manager: EntityManager, id: string): Promise<Assignment | null> {
    return manager.findOneBy(Assignment, { id });
  }

  /**
   * The assignment, locked, after its idea's row: the idea's row is the one lock of every decision
   * about the idea's assignments (answer, expiry, assignment by hand), so none of them saves over
   * another's committed decision or leaves two open proposals; always idea, then assignment, then mentor.
   */
  async findForUpdate(manager: EntityManager, id: string): Promise<Assignment | null> {
    const ideaId = (await manager.findOne(Assignment, { where: { id }, select: { id: true, ideaId: true } }))?.ideaId;
    if (!ideaId) return null;
    await this.ideaForUpdate(manager, ideaId);
    return manager.createQueryBuilder(Assignment, 'a').where('a.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Accepted, not ended assignments per mentor of a hub. */
  async loads(manager: EntityManager, hubId: string): Promise<Map<string, number>> {
    const rows: { mentor_id: string; n: number }[] = await manager.query(
      `SELECT mentor_id, count(*)::int AS n FROM assignment WHERE hub_id = $1 AND status = 'accepted' GROUP BY mentor_id`,
      [hubId],
    );
    return new Map(rows.map((r) => [r.mentor_id, r.n]));
  }
}
