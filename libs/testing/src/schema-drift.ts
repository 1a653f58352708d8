import { DataSource } from 'typeorm';

/**
 * What TypeORM would change to make the database (after the migrations) match the entities: empty
 * when migrations and entities agree, so that a generated migration holds only a real change.
 */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
