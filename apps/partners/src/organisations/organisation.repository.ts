import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { namedStatement } from '@cirkel/persistence';
import { OrganisationRole, OrganisationStatus, OrganisationType, WorkDomain } from '@cirkel/contracts';
import { NameCursor } from '../common/cursor';
import { Organisation } from './organisation.entity';

export interface OrganisationQuery {
  type?: OrganisationType;
  workDomain?: WorkDomain;
  status?: OrganisationStatus;
  /** Case-insensitive part of the name. */
  q?: string;
  /** Only those with (true) or without (false) a proposed change; with one, of `changeVisibleIn` only when given. */
  changeProposed?: boolean;
  /** The organisations whose proposed change the caller may know of (not a hub admin: their own); undefined: all. */
  changeVisibleIn?: string[];
  /** What the caller may see: every organisation, or the active ones plus these. */
  visibility: { all: true } | { all: false; alsoOrganisationIds: string[] };
  after?: NameCursor;
  /** Rows to read: the page size plus one. */
  take: number;
}

export const ENTERPRISE_NUMBER_CONSTRAINT = 'organisation_held_enterprise_number_idx';

/** What an organisation's view shows from other tables: its signature of the current charter, its members. */
export interface OrganisationViewParts {
  signature: { charterVersion: number; signedAt: Date; signedBy: string } | null;
  /** Org admins first, then by name; null unless asked for. */
  members: { personId: string; name: string; email: string; role: OrganisationRole }[] | null;
}

const COLUMNS = `id, hub_id AS "hubId", name, type, enterprise_number AS "enterpriseNumber", work_domains AS "workDomains", status,
                 created_at AS "createdAt", approved_at AS "approvedAt", approved_by AS "approvedBy", proposed_change AS "proposedChange"`;

/** The columns of an organisation, taken from the table aliased `alias` in a join. */
function prefixed(alias: string): string {
  return COLUMNS.split(',').map((column) => `${alias}.${column.trim()}`).join(', ');
}

@Injectable()
export class OrganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** In SQL rather than `findOneBy`: every read of an organisation starts here, and TypeORM's query building cost more than the query. */
  async findInHub(hubId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Organisation | null> {
    const [row]: Organisation[] = await manager.query(namedStatement('organisation-in-hub', `SELECT ${COLUMNS} FROM organisation WHERE hub_id = $1 AND id = $2`), [hubId, id]);
    return row ? Object.assign(new Organisation(), row) : null;
  }

  /**
   * The parts of some organisations' views kept in other tables, by organisation id, in one query:
   * the signature of the hub's current charter (its highest version), and the members of those in
   * `withMembers`.
   */
  async viewPartsOf(hubId: string, ids: string[], withMembers: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, OrganisationViewParts>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; charterVersion: number | null; signedAt: Date | null; signedBy: string | null; members: OrganisationViewParts['members'] }[] = await manager.query(
      namedStatement('organisation-view-parts', `SELECT o.id, s.charter_version AS "charterVersion", s.signed_at AS "signedAt", s.signed_by AS "signedBy",
              CASE WHEN o.id = ANY($3::uuid[]) THEN coalesce(
                (SELECT json_agg(json_build_object('personId', p.id, 'name', p.name, 'email', p.email, 'role', m.role)
                                 ORDER BY m.role = 'org_admin' DESC, p.name, p.id)
                   FROM membership m JOIN person p ON p.id = m.person_id AND p.hub_id = m.hub_id
                  WHERE m.hub_id = $1 AND m.organisation_id = o.id), '[]') END AS members
         FROM unnest($2::uuid[]) AS o(id)
         LEFT JOIN charter_signature s
           ON s.hub_id = $1 AND s.organisation_id = o.id AND s.charter_version = (SELECT max(c.version) FROM charter c WHERE c.hub_id = $1)`),
      [hubId, ids, withMembers],
    );
    return new Map(
      rows.map(({ id, charterVersion, signedAt, signedBy, members }) => [
        id,
        { signature: charterVersion !== null && signedAt && signedBy ? { charterVersion, signedAt, signedBy } : null, members },
      ]),
    );
  }

  /**
   * One organisation with the parts of its view, in one query (the read of `GET /organisations/{id}`):
   * its signature of the hub's current charter, and its members when `withMembers`.
   */
  async findWithViewParts(hubId: string, id: string, withMembers: boolean, manager: EntityManager = this.dataSource.manager): Promise<{ organisation: Organisation; parts: OrganisationViewParts } | null> {
    const [row]: (Organisation & { charterVersion: number | null; signedAt: Date | null; signedBy: string | null; members: OrganisationViewParts['members'] })[] = await manager.query(
      namedStatement('organisation-with-view-parts', `SELECT ${prefixed('o')}, s.charter_version AS "charterVersion", s.signed_at AS "signedAt", s.signed_by AS "signedBy",
              CASE WHEN $3::boolean THEN coalesce(
                (SELECT json_agg(json_build_object('personId', p.id, 'name', p.name, 'email', p.email, 'role', m.role)
                                 ORDER BY m.role = 'org_admin' DESC, p.name, p.id)
                   FROM membership m JOIN person p ON p.id = m.person_id AND p.hub_id = m.hub_id
                  WHERE m.hub_id = o.hub_id AND m.organisation_id = o.id), '[]') END AS members
         FROM organisation o
         LEFT JOIN charter_signature s
           ON s.hub_id = o.hub_id AND s.organisation_id = o.id AND s.charter_version = (SELECT max(c.version) FROM charter c WHERE c.hub_id = o.hub_id)
        WHERE o.hub_id = $1 AND o.id = $2`),
      [hubId, id, withMembers],
    );
    if (!row) return null;
    const { charterVersion, signedAt, signedBy, members, ...organisation } = row;
    return {
      organisation: Object.assign(new Organisation(), organisation),
      parts: { signature: charterVersion !== null && signedAt && signedBy ? { charterVersion, signedAt, signedBy } : null, members },
    };
  }

  /** The organisation, locked until the transaction ends. */
  findInHubForUpdate(hubId: string, id: string, manager: EntityManager): Promise<Organisation | null> {
    return manager
      .createQueryBuilder(Organisation, 'o')
      .where('o.id = :id AND o.hub_id = :hubId', { id, hubId })
      .setLock('pessimistic_write')
      .getOne();
  }

  findManyInHub(hubId: string, ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Organisation[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(Organisation, { where: { hubId, id: In(ids) }, order: { name: 'ASC', id: 'ASC' } });
  }

  /** Whether another organisation of the hub has this enterprise number. */
  enterpriseNumberTaken(hubId: string, enterpriseNumber: string, exceptId?: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    // A rejected registration holds no number (the unique index leaves it out too).
    return manager.existsBy(Organisation, { hubId, enterpriseNumber, status: Not('rejected'), ...(exceptId ? { id: Not(exceptId) } : {}) });
  }

  async insert(organisation: Organisation, manager: EntityManager): Promise<void> {
    await manager.insert(Organisation, organisation);
  }

  async update(organisation: Organisation, manager: EntityManager): Promise<void> {
    const { id, hubId, name, type, enterpriseNumber, workDomains, status, approvedAt, approvedBy, rejectedAt, rejectedBy, rejectionReason, proposedChange } = organisation;
    await manager.update(Organisation, { id, hubId }, { name, type, enterpriseNumber, workDomains, status, approvedAt, approvedBy, rejectedAt, rejectedBy, rejectionReason, proposedChange: proposedChange as never });
  }

  /** Organisations of a hub ordered by (name, id), after a cursor, filtered. */
  page(hubId: string, query: OrganisationQuery): Promise<Organisation[]> {
    const qb = this.dataSource.manager.createQueryBuilder(Organisation, 'o').where('o.hub_id = :hubId', { hubId });
    if (!query.visibility.all) {
      qb.andWhere("(o.status = 'active' OR o.id = ANY(CAST(:own AS uuid[])))", { own: query.visibility.alsoOrganisationIds });
    }
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    if (query.workDomain) qb.andWhere(':workDomain = ANY(o.work_domains)', { workDomain: query.workDomain });
    if (query.changeProposed === true) {
      qb.andWhere('o.proposed_change IS NOT NULL');
      if (query.changeVisibleIn) qb.andWhere('o.id = ANY(CAST(:changeVisibleIn AS uuid[]))', { changeVisibleIn: query.changeVisibleIn });
    }
    if (query.changeProposed === false) {
      // Someone who may not know of another organisation's proposed change sees it among those without one.
      if (query.changeVisibleIn) qb.andWhere('(o.proposed_change IS NULL OR NOT o.id = ANY(CAST(:changeVisibleIn AS uuid[])))', { changeVisibleIn: query.changeVisibleIn });
      else qb.andWhere('o.proposed_change IS NULL');
    }
    if (query.q) qb.andWhere('o.name ILIKE :pattern', { pattern: `%${escapeLike(query.q)}%` });
    if (query.after) qb.andWhere('(o.name, o.id) > (:afterName, :afterId)', { afterName: query.after.name, afterId: query.after.id });
    return qb.orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').limit(query.take).getMany();
  }
}

/** Escapes LIKE's wildcards, so that `q` is matched as text (backslash is Postgres's default escape). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
