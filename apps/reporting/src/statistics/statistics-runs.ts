import { Injectable, Logger } from '@nestjs/common';
import { StatisticsRun } from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';

/** How long after a placement, participant or ESF phase changes its hub's statistics are computed again: changes within it share one run. */
export const COALESCE_MS = 5_000;

/** The statistics runs that changes queue (placements, participants, ESF phases, an idea's work domain learnt late). */
@Injectable()
export class StatisticsRuns {
  private readonly logger = new Logger(StatisticsRuns.name);

  constructor(private readonly jobs: JobQueue) {}

  /**
   * Figures of the hub on these days changed (a placement's start, a participant's entry or exit):
   * one run of each year concerned COALESCE_MS later, however many changes come in that time
   * (BullMQ's throttle: the id is taken until the run starts, which reads every change committed
   * before it). Never throws: the change is stored, and if Redis cannot take the job now the
   * nightly run counts it (of its year; another year waits for the next change of it).
   */
  async figuresChanged(hubId: string, days: readonly (string | null)[]): Promise<void> {
    const years = new Set(days.filter((day): day is string => !!day).map((day) => Number(day.slice(0, 4))));
    for (const year of years) {
      try {
        await this.jobs.add(StatisticsRun, { hubId, year }, { delay: COALESCE_MS, deduplication: { id: `${hubId}.${year}`, ttl: COALESCE_MS } });
      } catch (error) {
        this.logger.warn(`statistics of ${hubId} for ${year} not requested after a change (the nightly run counts its year): ${String(error)}`);
      }
    }
  }
}
