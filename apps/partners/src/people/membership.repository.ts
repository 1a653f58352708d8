import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OrganisationRole } from '@cirkel/contracts';
import { Membership } from './membership.entity';

export interface MembershipRow {
  personId: string;
  organisationId: string;
  organisationName: string;
  role: OrganisationRole;
}

@Injectable()
export class MembershipRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(membership: Membership, manager: EntityManager): Promise<void> {
    await manager.insert(Membership, membership);
  }

  /** The memberships of some people of a hub, with their organisations' names. */
  async ofPeople(hubId: string, personIds: string[], manager: EntityManager = this.dataSource.manager): Promise<MembershipRow[]> {
    if (personIds.length === 0) return [];
    return manager.query(
      `SELECT m.person_id AS "personId", m.organisation_id AS "organisationId", o.name AS "organisationName", m.role
         FROM membership m JOIN organisation o ON o.id = m.organisation_id AND o.hub_id = m.hub_id
        WHERE m.hub_id = $1 AND m.person_id = ANY($2::uuid[])
        ORDER BY o.name, o.id`,
      [hubId, personIds],
    );
  }
}
