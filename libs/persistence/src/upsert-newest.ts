import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

type Property<T> = keyof T & string;

export interface UpsertNewestOptions<T> {
  /** The properties that identify the row: the conflict target (a primary key or unique index). */
  conflictColumns: readonly Property<T>[];
  /**
   * The property that orders the facts: the version of the event's aggregate (`aggregateVersionOf`
   * in contracts). The row is changed only by a fact at least as new as the one it holds.
   */
  versionColumn: Property<T>;
  /** The properties an existing row takes from a newer fact (the version always); every other given property by default. */
  updateColumns?: readonly Property<T>[];
}

/**
 * "The newest fact wins" for a read model fed by events that may come out of order (replicas,
 * redeliveries, replays): one `INSERT … ON CONFLICT … DO UPDATE … WHERE existing.version <=
 * excluded.version` in the caller's transaction. Answers whether the row was written (inserted or
 * updated); false when the row holds a newer fact already.
 *
 * An equal version overwrites: it is the same fact again (a redelivery or a replay), so writing it
 * again changes nothing. (Events from before versions all have version 0: among those the last
 * applied wins, and any versioned fact wins over them.)
 */
export async function upsertNewest<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, row: Partial<T>, options: UpsertNewestOptions<T>): Promise<boolean> {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const column = (property: string) => {
    const found = metadata.findColumnWithPropertyName(property);
    if (!found) throw new Error(`upsertNewest: ${metadata.name} has no property ${property}`);
    return found;
  };
  const given = Object.keys(row).filter((p) => row[p] !== undefined);
  for (const p of [...options.conflictColumns, options.versionColumn]) if (!given.includes(p)) throw new Error(`upsertNewest: the row has no ${p}`);
  const updated = new Set([...(options.updateColumns ?? given.filter((p) => !options.conflictColumns.includes(p))), options.versionColumn]);
  const name = (property: string) => driver.escape(column(property).databaseName);
  const table = metadata.tablePath.split('.').map((part) => driver.escape(part)).join('.');
  const version = name(options.versionColumn);
  const written: unknown[] = await manager.query(
    `INSERT INTO ${table} AS existing (${given.map(name).join(', ')})
     VALUES (${given.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (${options.conflictColumns.map(name).join(', ')})
     DO UPDATE SET ${[...updated].map((p) => `${name(p)} = excluded.${name(p)}`).join(', ')}
     WHERE existing.${version} <= excluded.${version}
     RETURNING 1 AS written`,
    given.map((p) => driver.preparePersistentValue(row[p], column(p))),
  );
  return written.length === 1;
}
