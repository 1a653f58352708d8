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

  /** Ends every membership of a person: the memberships that were. */
  async removeAllOf(hubId: string, personId: string, manager: EntityManager): Promise<{ organisationId: string; role: OrganisationRole }[]> {
    // TypeORM answers a DELETE on Postgres with [rows, rowCount].
    const [rows]: [{ organisationId: string; role: OrganisationRole }[], number] = await manager.query(
      'DELETE FROM membership WHERE hub_id = $1 AND person_id = $2 RETURNING organisation_id AS "organisationId", role',
      [hubId, personId],
    );
    return rows;
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
