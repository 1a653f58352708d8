import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each person's secret calendar feed, kept as the hash of its token. */
export class CalendarFeeds1765100400000 implements MigrationInterface {
  name = 'CalendarFeeds1765100400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_feed (
        person_id uuid NOT NULL,
        hub_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT calendar_feed_pkey PRIMARY KEY (person_id),
        CONSTRAINT calendar_feed_token_hash_key UNIQUE (token_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE calendar_feed');
  }
}
