import { MigrationInterface, QueryRunner } from 'typeorm';

/** Weekly city digests, once per (hub, ISO week). */
export class CityDigests1765100800000 implements MigrationInterface {
  name = 'CityDigests1765100800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE city_digest (
        id uuid PRIMARY KEY,
        hub_id uuid NOT NULL,
        iso_week text NOT NULL,
        figures jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT city_digest_once UNIQUE (hub_id, iso_week)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE city_digest');
  }
}
