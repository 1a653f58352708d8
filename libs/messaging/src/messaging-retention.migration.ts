import { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes for pruning: published outbox rows by when they were published, inbox rows by when they were applied. */
export class MessagingRetention1764600000000 implements MigrationInterface {
  name = 'MessagingRetention1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL');
    await q.query('CREATE INDEX inbox_processed_idx ON inbox (processed_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX inbox_processed_idx');
    await q.query('DROP INDEX outbox_published_idx');
  }
}
