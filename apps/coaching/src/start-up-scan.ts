import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What became of a start-up scan: done here, left to the replica holding the lock, or failed (logged). */
export type ScanOutcome = 'scanned' | 'left' | 'failed';

/**
 * Runs a start-up scan (queueing again what Redis may have lost) under a session-level advisory
 * lock named `name` within the service's schema: of replicas that start together, the one that takes the lock scans and the
 * others skip it — the scan is idempotent (deterministic job ids), so this saves the work, not a
 * double. A replica that starts later scans again (harmless). A failed scan is logged, not thrown:
 * the service still starts; answers `failed`, and the caller decides whether to try again
 * (`left`: another replica holds the lock and scans).
 */
export async function startUpScan(dataSource: DataSource, name: string, logger: Logger, scan: () => Promise<void>): Promise<ScanOutcome> {
  const runner = dataSource.createQueryRunner();
  try {
    // Named within the service's schema: another deployment (or test run) on the same database scans its own.
    const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext(current_schema() || ':' || $1)) AS locked`, [name])) as { locked: boolean }[];
    if (!locked) {
      logger.log(`${name}: another replica is scanning at start; this one leaves it to it`);
      return 'left';
    }
    try {
      await scan();
      return 'scanned';
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext(current_schema() || ':' || $1))`, [name]);
    }
  } catch (error) {
    logger.error(`${name}: the start-up scan failed (${(error as Error).message})`);
    return 'failed';
  } finally {
    await runner.release();
  }
}
