import { randomUUID } from 'node:crypto';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { isHubAdmin } from '@cirkel/auth';
import { Caller, ExportStatistics, Forbidden, InputOf, GetStatistics, PublicStatisticsView, RunStatistics, StatisticsRun, StatisticsRunView, StatisticsView } from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';
import { hasHubRole } from '@cirkel/auth';
import { AuditLogRepository } from '../audit/audit-log.repository';
import { NIGHTLY } from '../monthly-tally/monthly-tally.service';
import { TargetsService } from '../targets/targets.service';
import { StatisticsRepository } from './statistics.repository';
import { HiddenOf, statisticsView } from './statistics-view';
import { Period } from './periods';
import { StatisticFigure } from './statistic-figure.entity';
import { publicStatistics } from './public-statistics';
import { PublishedFigures } from './published-figures.service';
import { shown } from './disclosure-control';

/** How long the public figures of a hub are kept before they are computed again. */
export const PUBLIC_CACHE_MS = 60_000;

const BRUSSELS_YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric' });

/** The statistics: computed by the job (nightly, by `run` for the tests and the demo seed, shortly after placements, participants or phases change: StatisticsRuns), read with disclosure control. */
@Injectable()
export class StatisticsService implements OnApplicationBootstrap {
  private readonly publicCache = new Map<string, { view: PublicStatisticsView; until: number }>();

  constructor(
    private readonly jobs: JobQueue,
    private readonly figures: StatisticsRepository,
    private readonly targets: TargetsService,
    private readonly audit: AuditLogRepository,
    private readonly published: PublishedFigures,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(StatisticsRun, 'nightly', NIGHTLY, {});
  }

  /** Computes a hub's year now (the tests and the demo seed). */
  run(hubId: string, year: number): Promise<Job> {
    return this.jobs.add(StatisticsRun, { hubId, year });
  }

  /**
   * A hub admin asks for the hub's figures of a year (this year unless named) and of its ESF phases
   * now. A run of the same hub and year still waiting after a change (figuresChanged) is joined,
   * not doubled: BullMQ answers that run's id while its deduplication id is taken. Otherwise a run
   * starts at once, and its deduplication id is freed at once (1 ms), so a change committed during
   * the run still queues a run of its own. A run found by the id that has started or finished
   * already is not joined (it may have read before the caller's change): a run of its own then.
   */
  async runOnDemand(caller: Caller, data: InputOf<typeof RunStatistics>, now = new Date()): Promise<StatisticsRunView> {
    if (!isHubAdmin(caller)) throw new Forbidden('Only hub admins ask for a statistics run.');
    const year = data.year ?? Number(BRUSSELS_YEAR.format(now));
    const queue = this.jobs.queueOf(StatisticsRun);
    const own = randomUUID();
    const added = await this.jobs.add(StatisticsRun, { hubId: caller.hubId, year }, { jobId: own, deduplication: { id: `${caller.hubId}.${year}`, ttl: 1 } });
    if (added.id !== own) {
      const waiting = await queue.getJob(added.id as string);
      const state = waiting && (await waiting.getState());
      if (waiting && (state === 'delayed' || state === 'waiting' || state === 'prioritized')) {
        return { year, runId: String(waiting.id), coalesced: true, startsBy: new Date(Math.max(now.getTime(), waiting.timestamp + waiting.delay)).toISOString() };
      }
      await this.jobs.add(StatisticsRun, { hubId: caller.hubId, year }, { jobId: own });
    }
    return { year, runId: own, coalesced: false, startsBy: now.toISOString() };
  }

  /**
   * Hub admins see the figures as they are, and each such read is written to the audit log (as an
   * export without suppression is: an exact count of 1 is as good as a participant's data); city
   * staff see them suppressed, as the whole year's publication requires.
   */
  async get(caller: Caller, query: InputOf<typeof GetStatistics>): Promise<StatisticsView> {
    if (!hasHubRole(caller, 'hub_admin', 'city_staff')) throw new Forbidden('Only hub admins and city staff read the statistics.');
    const { period, stored, hidden } = await this.read(caller.hubId, query.period, !isHubAdmin(caller));
    if (!hidden) await this.audit.writeNow(caller, [{ action: 'statistics-read-unsuppressed', period: period.key }]);
    return statisticsView(stored, query.groupBy, period, hidden, latest(stored));
  }

  /**
   * The ESF export of a period (hub admins): the common indicators, suppressed as city staff see
   * them unless the admin asks for the exact figures (for the managing authority, not to be
   * published). Written to the audit log before the figures are answered: who exported which
   * period, and whether unsuppressed.
   */
  async export(caller: Caller, query: InputOf<typeof ExportStatistics>): Promise<StatisticsView> {
    if (!isHubAdmin(caller)) throw new Forbidden('Only hub admins export the statistics.');
    const { period, stored, hidden } = await this.read(caller.hubId, query.period, query.suppressed);
    await this.audit.writeNow(caller, [{ action: query.suppressed ? 'statistics-exported' : 'statistics-exported-unsuppressed', period: period.key }]);
    return statisticsView(stored, 'indicator', period, hidden, latest(stored));
  }

  /** A period's stored figures and, `suppressed`, which of them are hidden: at one moment (atSnapshot), the period's days with them. */
  private read(hubId: string, key: string, suppressed: boolean): Promise<{ period: Period; stored: StatisticFigure[]; hidden: HiddenOf }> {
    return this.figures.atSnapshot(async (manager) => {
      const period = await this.targets.period(hubId, key, manager);
      const stored = await this.figures.stored(hubId, period.key, manager);
      return { period, stored, hidden: suppressed ? await this.published.hiddenOf(hubId, period, manager) : null };
    });
  }

  /**
   * The public page's headline figures of this year (Brussels), always suppressed; kept a minute per
   * hub, so a busy page costs one aggregation a minute.
   */
  async publicFigures(hubId: string, now = new Date()): Promise<PublicStatisticsView> {
    const cached = this.publicCache.get(hubId);
    if (cached && cached.until > now.getTime()) return cached.view;
    const year = Number(BRUSSELS_YEAR.format(now));
    const { stored, published } = await this.figures.atSnapshot(async (manager) => ({
      stored: await this.figures.stored(hubId, String(year), manager),
      published: await this.published.ofYear(hubId, year, manager),
    }));
    const jobs = (dimension: string, group: string) => shown(stored.find((f) => f.dimension === dimension && f.groupKey === group)?.jobs ?? 0, published.isHidden('jobs', String(year), dimension, group));
    const view = publicStatistics(year, { total: jobs('total', ''), social: jobs('sector', 'social') }, await this.figures.ideasByDomainAndStage(hubId), now);
    this.publicCache.set(hubId, { view, until: now.getTime() + PUBLIC_CACHE_MS });
    return view;
  }
}

/** When the newest of these figures was computed. */
function latest(figures: readonly { computedAt: Date }[]): Date | null {
  return figures.reduce<Date | null>((newest, f) => (newest && newest > f.computedAt ? newest : f.computedAt), null);
}
