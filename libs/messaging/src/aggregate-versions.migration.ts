import { MigrationInterface, QueryRunner } from 'typeorm';

/** The last version given to each aggregate's events by this service's outbox. */
export class AggregateVersions1764700000000 implements MigrationInterface {
  name = 'AggregateVersions1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE aggregate_version (
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        CONSTRAINT aggregate_version_pkey PRIMARY KEY (aggregate_type, aggregate_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE aggregate_version');
  }
}
