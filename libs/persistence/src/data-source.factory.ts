import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { CirkelConfig } from '@cirkel/config';
import { BeginWithFirstStatementClient } from './begin-with-first-statement.client';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Classes = MixedList<Function | string>;

export interface PersistenceOptions {
  entities: Classes;
  migrations: Classes;
}

/**
 * A service's session idle inside a transaction this long is ended by PostgreSQL. Such a session is a
 * bug (a transaction left open across a wait), and while it lasts it holds its locks and holds back
 * the cleanup of dead rows in every schema of the cluster — the relay's read of the outbox then walks
 * every row published since (docs/event-backbone.md). Far above any transaction's pause between two
 * statements.
 */
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

/** Where a data source's options keep the schema owner's URL (`DATABASE_MIGRATION_URL`), for `migrate`. */
const MIGRATION_URL = Symbol('cirkel.migrationUrl');

/**
 * Options for a service's own data source: its own schema (search_path too, so migrations stay
 * free of schema names), migrations only, never `synchronize`. With `database.migrationUrl` the
 * migrations run as that owner and the data source as `database.url`'s role (`migrate`).
 */
export function dataSourceOptions(config: CirkelConfig, options: PersistenceOptions): DataSourceOptions {
  const schema = config.database.schema;
  return {
    ...(config.database.migrationUrl ? { [MIGRATION_URL]: config.database.migrationUrl } : {}),
    type: 'postgres',
    url: config.database.url,
    schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    applicationName: `cirkel-${config.service}`,
    extra: {
      max: config.database.poolSize,
      options: `-c search_path=${schema},public -c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_TIMEOUT_MS}`,
      // pg's Pool makes its clients of this class: a transaction's start leaves with its first statement.
      ...(config.database.startWithFirstStatement ? { Client: BeginWithFirstStatementClient } : {}),
    },
  };
}

/**
 * Creates the service's schema if missing, then applies pending migrations. Safe to run from several
 * replicas. When the options name a schema owner (`DATABASE_MIGRATION_URL`), it does so as the owner,
 * on a connection of its own, and then grants the data source's role the use of the schema's tables
 * (`grantSchemaUse`): the service runs without DDL and without any other schema.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const ownerUrl = (dataSource.options as { [MIGRATION_URL]?: string })[MIGRATION_URL];
  if (!ownerUrl) return migrateAsIs(dataSource);
  const { [MIGRATION_URL]: _owner, ...options } = dataSource.options as DataSourceOptions & { schema: string; [MIGRATION_URL]?: string };
  const owner = await new DataSource({ ...options, url: ownerUrl, extra: { max: 2, options: `-c search_path=${options.schema},public` } } as DataSourceOptions).initialize();
  try {
    const role = decodeURIComponent(new URL((dataSource.options as { url: string }).url).username);
    // Granted under the migration's lock: two replicas' GRANTs on the same catalog rows at once fail ('tuple concurrently updated').
    return await migrateAsIs(owner, () => grantSchemaUse(owner, options.schema, role));
  } finally {
    await owner.destroy();
  }
}

/**
 * What a service's own role may do in its schema: read and write the rows of its tables, use its
 * sequences and call its functions. Not create, alter or drop anything, and nothing in another
 * schema (a schema and its tables grant nothing to PUBLIC), so ideas' role cannot read partners'
 * password hashes. Idempotent; run after every migration, so a new table is granted too.
 */
export async function grantSchemaUse(owner: DataSource, schema: string, role: string): Promise<void> {
  const [s, r] = [quoteIdentifier(schema), quoteIdentifier(role)];
  await owner.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
  await owner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
  await owner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${r}`);
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function migrateAsIs(dataSource: DataSource, then?: () => Promise<void>): Promise<string[]> {
  const schema = (dataSource.options as { schema: string }).schema;
  const runner = dataSource.createQueryRunner();
  try {
    // An advisory lock per schema keeps two replicas from migrating at once.
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [schema]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await then?.();
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [schema]).catch(() => undefined);
    await runner.release();
  }
}
