import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class MonthlyTallyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Replaces a month's totals with the sum of its days in `event_tally`, in one transaction: running
   * it twice gives the same rows, and two recounts of a month at once (the nightly one and one on
   * demand, on two replicas) take turns on a lock of that month. `month` is `YYYY-MM`. Returns how
   * many rows the month has.
   */
  async recount(month: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const first = `${month}-01`;
      await manager.query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.monthly_tally.' || $1))", [month]);
      await manager.query('DELETE FROM monthly_tally WHERE month = $1::date', [first]);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO monthly_tally (hub_id, type, month, count)
         SELECT hub_id, type, $1::date, sum(count)
         FROM event_tally
         WHERE day >= $1::date AND day < ($1::date + interval '1 month')
         GROUP BY hub_id, type
         RETURNING 1`,
        [first],
      );
      return inserted.length;
    });
  }
}
