import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Participant } from './participant.entity';
import { Placement } from './placement.entity';

@Injectable()
export class ParticipantRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(participant: Participant, manager: EntityManager): Promise<void> {
    await manager.insert(Participant, participant);
  }

  findInHub(hubId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Participant | null> {
    return manager.findOneBy(Participant, { hubId, id });
  }

  findInHubForUpdate(hubId: string, id: string, manager: EntityManager): Promise<Participant | null> {
    return manager.createQueryBuilder(Participant, 'p').where('p.hub_id = :hubId AND p.id = :id', { hubId, id }).setLock('pessimistic_write').getOne();
  }

  async update(id: string, changes: Partial<Participant>, manager: EntityManager): Promise<void> {
    await manager.update(Participant, { id }, changes);
  }

  /** A page of the hub's participants, newest first; of these organisations only, unless `organisations` is null. */
  page(hubId: string, query: { organisations: string[] | null; referenceHashes?: string[]; beforeId?: string; take: number }): Promise<Participant[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Participant, 'p').where('p.hub_id = :hubId', { hubId });
    if (query.organisations) qb.andWhere('p.organisation_id = ANY(:organisations::uuid[])', { organisations: query.organisations });
    if (query.referenceHashes) qb.andWhere('p.reference_hash = ANY(:referenceHashes::text[])', { referenceHashes: query.referenceHashes });
    if (query.beforeId) qb.andWhere('p.id < :beforeId', { beforeId: query.beforeId });
    return qb.orderBy('p.id', 'DESC').take(query.take).getMany();
  }

  /** Whether any participant's reference hash is of a version of the key older than `version`. */
  async olderThan(version: number): Promise<boolean> {
    return (await this.dataSource.query('SELECT 1 FROM participant WHERE reference_key_version < $1 LIMIT 1', [version])).length > 0;
  }

  async insertPlacement(placement: Placement, manager: EntityManager): Promise<void> {
    await manager.insert(Placement, placement);
  }

  findPlacementForUpdate(hubId: string, id: string, manager: EntityManager): Promise<Placement | null> {
    return manager.createQueryBuilder(Placement, 'pl').where('pl.hub_id = :hubId AND pl.id = :id', { hubId, id }).setLock('pessimistic_write').getOne();
  }

  async updatePlacement(id: string, changes: Partial<Placement>, manager: EntityManager): Promise<void> {
    await manager.update(Placement, { id }, changes);
  }

  /** The placements of these participants, oldest start first. */
  async placementsOf(participantIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, Placement[]>> {
    const byParticipant = new Map<string, Placement[]>(participantIds.map((id) => [id, []]));
    if (participantIds.length === 0) return byParticipant;
    const rows = await manager.find(Placement, { where: { participantId: In(participantIds) }, order: { startDate: 'ASC', id: 'ASC' } });
    for (const row of rows) byParticipant.get(row.participantId)?.push(row);
    return byParticipant;
  }
}
