import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction } from '@cirkel/contracts';
import { AuditEntry } from './audit-entry.entity';

export interface AuditFact {
  action: AuditAction;
  participantId?: string | null;
  period?: string | null;
  placementId?: string | null;
  fields?: string[];
}

/** The audit log of participant data: written in the transaction of the read or change it records. */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async write(manager: EntityManager, who: { hubId: string; personId: string }, facts: AuditFact[]): Promise<void> {
    if (facts.length === 0) return;
    const at = new Date();
    await manager.insert(
      AuditEntry,
      facts.map((f) => ({ id: uuidv7(), hubId: who.hubId, at, personId: who.personId, action: f.action, participantId: f.participantId ?? null, period: f.period ?? null, placementId: f.placementId ?? null, fields: f.fields ?? [] })),
    );
  }

  /** Writes these facts on their own (a read that changes nothing else). */
  writeNow(who: { hubId: string; personId: string }, facts: AuditFact[]): Promise<void> {
    return this.write(this.dataSource.manager, who, facts);
  }

  /** A page of the hub's log, newest first. */
  page(hubId: string, query: { participantId?: string; beforeId?: string; take: number }): Promise<AuditEntry[]> {
    const qb = this.dataSource.manager.createQueryBuilder(AuditEntry, 'a').where('a.hub_id = :hubId', { hubId });
    if (query.participantId) qb.andWhere('a.participant_id = :participantId', { participantId: query.participantId });
    if (query.beforeId) qb.andWhere('a.id < :beforeId', { beforeId: query.beforeId });
    return qb.orderBy('a.id', 'DESC').take(query.take).getMany();
  }
}
