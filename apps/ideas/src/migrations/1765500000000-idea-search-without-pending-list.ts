import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Dutch text-search index takes each idea's words into its tree as the idea is written, not into
 * GIN's pending list (`fastupdate`). With the list, every search read all of it — each entry of every
 * idea written since the last vacuum, one by one — before the tree: 33 ms for "herstellen" over
 * 20,000 ideas just loaded, 1.5 ms once they were in the tree (bench:ideas, docs/measurements.md).
 * Ideas are written a few at a time by people; reads are the hot path.
 */
export class IdeaSearchWithoutPendingList1765500000000 implements MigrationInterface {
  name = 'IdeaSearchWithoutPendingList1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER INDEX idea_search_idx SET (fastupdate = off)');
    // What is in the list already goes into the tree now (it would stay until a vacuum).
    await q.query(`SELECT gin_clean_pending_list('idea_search_idx'::regclass)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER INDEX idea_search_idx RESET (fastupdate)');
  }
}
