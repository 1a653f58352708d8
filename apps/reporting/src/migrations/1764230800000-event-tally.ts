import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventTally1764230800000 implements MigrationInterface {
  name = 'EventTally1764230800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event_tally (
        hub_id uuid NOT NULL,
        type text NOT NULL,
        day date NOT NULL,
        count int NOT NULL,
        PRIMARY KEY (hub_id, type, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE event_tally');
  }
}
