import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What each weekly city digest showed, as reporting answered it (issue 9): the answer itself (a
 * digest asked again for the same week gets it unchanged) and its figures as sums of days, hidden
 * or shown, which the year's statistics and the later digests are chosen beside.
 */
export class DigestReleases1765200900000 implements MigrationInterface {
  name = 'DigestReleases1765200900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE digest_release (
        hub_id uuid NOT NULL,
        week text NOT NULL,
        year int NOT NULL,
        answer jsonb NOT NULL,
        figures jsonb NOT NULL,
        chosen_beside text NOT NULL,
        released_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT digest_release_pkey PRIMARY KEY (hub_id, week)
      )`);
    await q.query('CREATE INDEX digest_release_hub_year_idx ON digest_release (hub_id, year)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE digest_release');
  }
}
