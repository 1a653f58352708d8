import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { namedStatement } from '@cirkel/persistence';
import { HUB_ROLES, HubRole, Language, OrganisationRole } from '@cirkel/contracts';
import { HeldRoles } from '@cirkel/auth';
import { NameCursor } from '../common/cursor';
import { Person } from './person.entity';

export interface PeopleQuery {
  hubRole?: HubRole;
  organisationRole?: OrganisationRole;
  /** Only open accounts, or only closed (deactivated) ones. */
  account?: 'open' | 'closed';
  after?: NameCursor;
  /** Rows to read: the page size plus one. */
  take: number;
}

export const EMAIL_CONSTRAINT = 'person_email_key';

@Injectable()
export class PersonRepository {
  constructor(private readonly dataSource: DataSource) {}

  findInHub(hubId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Person | null> {
    return manager.findOneBy(Person, { hubId, id });
  }

  /** The roles a person of the hub holds now, in one query; null when there is no such person, or they were deactivated. */
  async heldRoles(hubId: string, personId: string, manager: EntityManager = this.dataSource.manager): Promise<HeldRoles | null> {
    const [row]: { hub_roles: HubRole[]; memberships: HeldRoles['memberships'] }[] = await manager.query(
      namedStatement('held-roles', `SELECT coalesce((SELECT array_agg(r.role) FROM hub_role r WHERE r.hub_id = p.hub_id AND r.person_id = p.id), '{}') AS hub_roles,
              coalesce((SELECT json_agg(json_build_object('organisationId', m.organisation_id, 'role', m.role) ORDER BY m.organisation_id)
                          FROM membership m WHERE m.hub_id = p.hub_id AND m.person_id = p.id), '[]') AS memberships
         FROM person p WHERE p.hub_id = $1 AND p.id = $2 AND p.deactivated_at IS NULL`),
      [hubId, personId],
    );
    if (!row) return null;
    return { hubRoles: HUB_ROLES.filter((role) => row.hub_roles.includes(role)), memberships: row.memberships };
  }

  /** By id alone: for the gateway's token refresh, which knows the person but not yet the hub. */
  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Person | null> {
    return manager.findOneBy(Person, { id });
  }

  /** Across hubs on purpose: login is by e-mail alone, and an address names one person. */
  findByEmail(email: string, manager: EntityManager = this.dataSource.manager): Promise<Person | null> {
    return manager.findOneBy(Person, { email });
  }

  async emailExists(email: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    return manager.existsBy(Person, { email });
  }

  /** Also the credentials' change: a login of before the deactivation is not brought back by a reactivation. */
  async markDeactivated(id: string, at: Date, by: string, manager: EntityManager): Promise<void> {
    await manager.update(Person, { id }, { deactivatedAt: at, deactivatedBy: by, credentialsChangedAt: at });
  }

  async markReactivated(id: string, manager: EntityManager): Promise<void> {
    await manager.update(Person, { id }, { deactivatedAt: null, deactivatedBy: null });
  }

  async setLanguage(hubId: string, id: string, language: Language, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(Person, { hubId, id }, { language });
  }

  /** A new password: its time is recorded as the credentials' change (every login begun before it is refused a refresh). */
  async setPasswordHash(id: string, passwordHash: string, manager: EntityManager, at = new Date()): Promise<void> {
    await manager.update(Person, { id }, { passwordHash, credentialsChangedAt: at });
  }

  async insert(person: Person, manager: EntityManager): Promise<void> {
    await manager.insert(Person, person);
  }

  /** People of a hub ordered by (name, id), after a cursor, optionally holding a role. */
  page(hubId: string, query: PeopleQuery): Promise<Person[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Person, 'p').where('p.hub_id = :hubId', { hubId });
    if (query.hubRole) {
      qb.andWhere('EXISTS (SELECT 1 FROM hub_role r WHERE r.person_id = p.id AND r.hub_id = p.hub_id AND r.role = :hubRole)', { hubRole: query.hubRole });
    }
    if (query.organisationRole) {
      qb.andWhere('EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id AND m.hub_id = p.hub_id AND m.role = :orgRole)', {
        orgRole: query.organisationRole,
      });
    }
    if (query.account === 'open') qb.andWhere('p.deactivated_at IS NULL');
    if (query.account === 'closed') qb.andWhere('p.deactivated_at IS NOT NULL');
    if (query.after) qb.andWhere('(p.name, p.id) > (:afterName, :afterId)', { afterName: query.after.name, afterId: query.after.id });
    return qb.orderBy('p.name', 'ASC').addOrderBy('p.id', 'ASC').limit(query.take).getMany();
  }
}
