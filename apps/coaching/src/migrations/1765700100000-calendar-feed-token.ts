import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A calendar feed keeps its token, so that its owner can read their address again without renewing
 * it (GET /me/calendar-feed). Feeds made before keep only the hash: their address is shown again
 * once renewed.
 */
export class CalendarFeedToken1765700100000 implements MigrationInterface {
  name = 'CalendarFeedToken1765700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE calendar_feed ADD COLUMN token text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE calendar_feed DROP COLUMN token');
  }
}
