import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { OrganisationStatus, OrganisationType, WorkDomain } from '@cirkel/contracts';
import { NameCursor } from '../common/cursor';
import { Organisation } from './organisation.entity';

export interface OrganisationQuery {
  type?: OrganisationType;
  workDomain?: WorkDomain;
  status?: OrganisationStatus;
  /** Case-insensitive part of the name. */
  q?: string;
  /** What the caller may see: every organisation, or the active ones plus these. */
  visibility: { all: true } | { all: false; alsoOrganisationIds: string[] };
  after?: NameCursor;
  /** Rows to read: the page size plus one. */
  take: number;
}

export const ENTERPRISE_NUMBER_CONSTRAINT = 'organisation_hub_enterprise_number_key';

@Injectable()
export class OrganisationRepository {
  constructor(private readonly dataSource: DataSource) {}

  findInHub(hubId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Organisation | null> {
    return manager.findOneBy(Organisation, { hubId, id });
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
    return manager.existsBy(Organisation, { hubId, enterpriseNumber, ...(exceptId ? { id: Not(exceptId) } : {}) });
  }

  async insert(organisation: Organisation, manager: EntityManager): Promise<void> {
    await manager.insert(Organisation, organisation);
  }

  async update(organisation: Organisation, manager: EntityManager): Promise<void> {
    const { id, hubId, name, type, enterpriseNumber, workDomains, status, approvedAt, approvedBy } = organisation;
    await manager.update(Organisation, { id, hubId }, { name, type, enterpriseNumber, workDomains, status, approvedAt, approvedBy });
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
    if (query.q) qb.andWhere('o.name ILIKE :pattern', { pattern: `%${escapeLike(query.q)}%` });
    if (query.after) qb.andWhere('(o.name, o.id) > (:afterName, :afterId)', { afterName: query.after.name, afterId: query.after.id });
    return qb.orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').limit(query.take).getMany();
  }
}

/** Escapes LIKE's wildcards, so that `q` is matched as text (backslash is Postgres's default escape). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
