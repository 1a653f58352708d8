import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InvitationStatus } from '@cirkel/contracts';
import { Invitation } from './invitation.entity';
import { INVITATION_STATUS_SQL } from './invitation-status';

export interface InvitationQuery {
  status?: InvitationStatus;
  /** Read invitations older than this one (ids are UUIDv7: time-ordered). */
  beforeId?: string;
  take: number;
  now: Date;
}

@Injectable()
export class InvitationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(invitation: Invitation, manager: EntityManager): Promise<void> {
    await manager.insert(Invitation, invitation);
  }

  findByTokenHash(tokenHash: string, manager: EntityManager = this.dataSource.manager): Promise<Invitation | null> {
    return manager.findOneBy(Invitation, { tokenHash });
  }

  /** The invitation with this token hash, locked until the transaction ends so that it is accepted once. */
  findByTokenHashForUpdate(tokenHash: string, manager: EntityManager): Promise<Invitation | null> {
    return manager.createQueryBuilder(Invitation, 'i').where('i.token_hash = :tokenHash', { tokenHash }).setLock('pessimistic_write').getOne();
  }

  /** The organisation's newest invitation to the address, for the role, made after `since` and still pending at `now`, if any. */
  pendingSince(organisationId: string, email: string, role: string, since: Date, now: Date): Promise<Invitation | null> {
    return this.dataSource.manager
      .createQueryBuilder(Invitation, 'i')
      .where('i.organisation_id = :organisationId AND i.email = lower(:email) AND i.role = :role AND i.created_at > :since', { organisationId, email, role, since })
      .andWhere(INVITATION_STATUS_SQL.pending, { now })
      .orderBy('i.id', 'DESC')
      .getOne();
  }

  /** An organisation's invitations, newest first. */
  page(organisationId: string, query: InvitationQuery): Promise<Invitation[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Invitation, 'i').where('i.organisation_id = :organisationId', { organisationId });
    if (query.status) qb.andWhere(INVITATION_STATUS_SQL[query.status], { now: query.now });
    if (query.beforeId) qb.andWhere('i.id < :beforeId', { beforeId: query.beforeId });
    return qb.orderBy('i.id', 'DESC').take(query.take).getMany();
  }

  /** One invitation of an organisation, locked until the transaction ends. */
  findInOrganisationForUpdate(organisationId: string, id: string, manager: EntityManager): Promise<Invitation | null> {
    return manager
      .createQueryBuilder(Invitation, 'i')
      .where('i.id = :id AND i.organisation_id = :organisationId', { id, organisationId })
      .setLock('pessimistic_write')
      .getOne();
  }

  async markRevoked(id: string, personId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(Invitation, { id }, { revokedAt: at, revokedBy: personId });
  }

  async markAccepted(id: string, personId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(Invitation, { id }, { acceptedAt: at, acceptedBy: personId });
  }
}
