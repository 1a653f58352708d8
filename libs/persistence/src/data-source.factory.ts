import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { CirkelConfig } from '@cirkel/config';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Classes = MixedList<Function | string>;

export interface PersistenceOptions {
  entities: Classes;
  migrations: Classes;
}

/**
 * Options for a service's own data source: its own schema (search_path too, so migrations stay
 * free of schema names), migrations only, never `synchronize`.
 */
export function dataSourceOptions(config: CirkelConfig, options: PersistenceOptions): DataSourceOptions {
  const schema = config.database.schema;
  return {
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
    extra: { max: config.database.poolSize, options: `-c search_path=${schema},public` },
  };
}

/** Creates the service's schema if missing, then applies pending migrations. Safe to run from several replicas. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const schema = (dataSource.options as { schema: string }).schema;
  const runner = dataSource.createQueryRunner();
  try {
    // An advisory lock per schema keeps two replicas from migrating at once.
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [schema]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [schema]).catch(() => undefined);
    await runner.release();
  }
}
