import { MigrationInterface, QueryRunner } from 'typeorm';

/** ESF phases (named periods per hub) and the hub's targets per year or phase. */
export class Targets1765200300000 implements MigrationInterface {
  name = 'Targets1765200300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE esf_phase (
        hub_id uuid NOT NULL,
        key text NOT NULL,
        name text NOT NULL,
        from_day date NOT NULL,
        to_day date NOT NULL,
        CONSTRAINT esf_phase_pkey PRIMARY KEY (hub_id, key)
      )`);
    await q.query(`
      CREATE TABLE target (
        hub_id uuid NOT NULL,
        period text NOT NULL,
        jobs int NOT NULL,
        social_jobs int NOT NULL,
        fte numeric(10,2) NOT NULL,
        participants int NOT NULL,
        CONSTRAINT target_pkey PRIMARY KEY (hub_id, period)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE target');
    await q.query('DROP TABLE esf_phase');
  }
}
