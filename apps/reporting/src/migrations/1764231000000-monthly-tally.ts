import { MigrationInterface, QueryRunner } from 'typeorm';

export class MonthlyTally1764231000000 implements MigrationInterface {
  name = 'MonthlyTally1764231000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE monthly_tally (
        hub_id uuid NOT NULL,
        type text NOT NULL,
        month date NOT NULL,
        count int NOT NULL,
        PRIMARY KEY (hub_id, type, month)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE monthly_tally');
  }
}
