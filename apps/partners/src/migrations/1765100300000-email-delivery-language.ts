import { MigrationInterface, QueryRunner } from 'typeorm';

/** The language an e-mail of partners is written in (rows from before: Dutch). */
export class EmailDeliveryLanguage1765100300000 implements MigrationInterface {
  name = 'EmailDeliveryLanguage1765100300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_delivery ADD COLUMN language text NOT NULL DEFAULT 'nl'`);
    await q.query('ALTER TABLE email_delivery ALTER COLUMN language DROP DEFAULT');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE email_delivery DROP COLUMN language');
  }
}
