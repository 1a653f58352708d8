import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/**
 * A statement the backbone runs for every event or batch (the outbox write, the relay's read, the
 * inbox): sent as a named prepared statement, so each connection parses and plans it once instead of
 * on every call. The outbox write's planning alone cost its backend 0.2 ms of CPU an event, twice
 * what its execution did (docs/measurements.md). `pg` keeps the statements prepared per connection
 * by name; a name is one text, for good. Tables are found by the connection's search_path, fixed per
 * service, so a statement prepared on one connection means the same on all of a service's.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

export function prepared(name: string, text: string): PreparedStatement {
  return { name: `cirkel_${name}`, text };
}

/**
 * Runs `statement` in `on`'s transaction when it is an event handler's or a unit of work's manager
 * (on its connection), else on the data source's pool; answers the rows. The driver's errors come as
 * they are (`code` and all), which is what `isInfrastructureFailure` reads.
 */
export async function runPrepared<R>(on: EntityManager | DataSource, statement: PreparedStatement, values: unknown[]): Promise<R[]> {
  const client = await clientOf(on, statement);
  const result = await client.query({ name: statement.name, text: statement.text, values });
  return result.rows as R[];
}

async function clientOf(on: EntityManager | DataSource, statement: PreparedStatement): Promise<Pool | PoolClient> {
  if (on instanceof DataSource) return poolOf(on);
  // A transaction's manager has its query runner, connected to the transaction's connection. One
  // whose transaction has ended must fail, as TypeORM's own query would: on the pool the statement
  // would commit on its own (an outbox row of a change rolled back, an inbox row without its effect).
  if (on.queryRunner) {
    if (on.queryRunner.isReleased) throw new Error(`${statement.name}: the transaction's query runner was already released`);
    return (await on.queryRunner.connect()) as PoolClient;
  }
  return poolOf(on.connection);
}

function poolOf(dataSource: DataSource): Pool {
  const master = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!master) throw new Error('the data source is not connected to PostgreSQL');
  return master;
}
