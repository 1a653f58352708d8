import { MigrationInterface, QueryRunner } from 'typeorm';

/** The statistics job's stored figures, per hub, period, dimension and group. */
export class Statistics1765200100000 implements MigrationInterface {
  name = 'Statistics1765200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE statistic_figure (
        hub_id uuid NOT NULL,
        period text NOT NULL,
        dimension text NOT NULL,
        group_key text NOT NULL,
        jobs int NOT NULL,
        hours numeric(14,2) NOT NULL,
        participants_entered int NOT NULL,
        participants_left int NOT NULL,
        computed_at timestamptz NOT NULL,
        CONSTRAINT statistic_figure_pkey PRIMARY KEY (hub_id, period, dimension, group_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE statistic_figure');
  }
}
