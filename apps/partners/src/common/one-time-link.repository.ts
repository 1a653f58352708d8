import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, IsNull, MoreThan } from 'typeorm';

/** A link e-mailed to a person that works once until it expires (a password reset, a login unlock): only its token's hash is kept. */
export interface OneTimeLink {
  id: string;
  hubId: string;
  personId: string;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

/** The table of one kind of one-time link. */
export abstract class OneTimeLinkRepository<T extends OneTimeLink> {
  protected constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
  ) {}

  async insert(link: T, manager: EntityManager): Promise<void> {
    await manager.insert(this.entity, link as never);
  }

  /** The link with this token hash; with a manager, locked until its transaction ends, so that it is used once. */
  findByTokenHash(tokenHash: string, manager?: EntityManager): Promise<T | null> {
    if (!manager) return this.dataSource.manager.findOneBy(this.entity, { tokenHash } as FindOptionsWhere<T>);
    return manager.createQueryBuilder(this.entity, 'l').where('l.token_hash = :tokenHash', { tokenHash }).setLock('pessimistic_write').getOne();
  }

  /** Whether a link for the person was made after `since` (used or not). */
  createdSince(personId: string, since: Date): Promise<boolean> {
    return this.dataSource.manager.existsBy(this.entity, { personId, createdAt: MoreThan(since) } as FindOptionsWhere<T>);
  }

  /** Every link of the person not used yet stops working. */
  async useAllOf(personId: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(this.entity, { personId, usedAt: IsNull() } as FindOptionsWhere<T>, { usedAt: at } as never);
  }

  /** This link is used up (the others of the person stay as they are). */
  async use(id: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.update(this.entity, { id } as FindOptionsWhere<T>, { usedAt: at } as never);
  }
}

/** What a link that cannot be used answers: unknown (404), used (409), expired (410). */
export interface OneTimeLinkProblems {
  unknown: () => Error;
  used: () => Error;
  expired: () => Error;
}

/** The link, if it can be used now; its problem otherwise. */
export function usableLink<T extends OneTimeLink>(link: T | null, now: Date, problems: OneTimeLinkProblems): T {
  if (!link) throw problems.unknown();
  if (link.usedAt) throw problems.used();
  if (link.expiresAt.getTime() <= now.getTime()) throw problems.expired();
  return link;
}
