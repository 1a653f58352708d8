import { Injectable } from '@nestjs/common';
import { DigestFiguresV2View, DigestFiguresView } from '@cirkel/contracts';
import { DISCLOSURE_RULES } from '../statistics/disclosure-control';
import { isoWeek, lastDayOf, Period, yearToDate } from '../statistics/periods';
import { FigureRow, StatisticsRepository } from '../statistics/statistics.repository';
import { jobFigures } from '../statistics/statistics-view';
import { TargetsService } from '../targets/targets.service';
import { DigestActivityRepository } from './digest-activity.repository';
import { digestActivity, digestFigures, monthsOf, yearToDateJobs } from './digest-figures';

/**
 * The figures of the weekly city digest (notifications asks): a week and the year to date, counted
 * now by SQL aggregation (the week is too short-lived to store), always suppressed.
 */
@Injectable()
export class DigestFiguresService {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly activity: DigestActivityRepository,
    private readonly targets: TargetsService,
  ) {}

  async v2(hubId: string, week: string): Promise<DigestFiguresV2View> {
    const w = isoWeek(week);
    const ytd = yearToDate(w);
    const [rows, activity, months] = await Promise.all([this.statistics.live(hubId, [w, ytd]), this.activity.activity(hubId, [w, ytd]), this.activity.jobsPerMonth(hubId, ytd)]);
    const year = Number(ytd.from.slice(0, 4));
    const target = await this.targets.targetOf(hubId, String(year));
    const totals = (p: Period) => {
      const of = rows.filter((r) => r.period === p.key);
      const get = (dimension: string, group: string): FigureRow | undefined => of.find((r) => r.dimension === dimension && r.groupKey === group);
      const total = get('total', '');
      return { jobs: total?.jobs ?? 0, social: get('sector', 'social')?.jobs ?? 0, hours: total?.hours ?? 0, entered: total?.participantsEntered ?? 0, left: total?.participantsLeft ?? 0 };
    };
    const weekTotals = totals(w);
    const ytdTotals = totals(ytd);
    const ytdJobs = yearToDateJobs(
      ytdTotals.jobs,
      ytdTotals.social,
      ytdTotals.hours,
      monthsOf(ytd).map((month) => ({ month, jobs: months.get(month) ?? 0 })),
    );
    const period = (p: Period, key: string, figures: DigestFiguresV2View['week']['figures']) => ({
      key,
      from: p.from,
      to: lastDayOf(p),
      figures,
      activity: digestActivity(activity.filter((r) => r.period === p.key)),
    });
    return {
      hubId,
      week: period(w, w.key, digestFigures(jobFigures(weekTotals.jobs, weekTotals.social, weekTotals.hours, false), weekTotals.entered, weekTotals.left)),
      yearToDate: period(ytd, `${year} t/m ${w.key}`, digestFigures(ytdJobs, ytdTotals.entered, ytdTotals.left)),
      jobs: { year, target, perMonth: ytdJobs.perMonth },
      rules: DISCLOSURE_RULES,
    };
  }

  /** Version 1: the same week and year to date, only their jobs and participants. */
  async v1(hubId: string, week: string): Promise<DigestFiguresView> {
    const { week: w, yearToDate: ytd, rules } = await this.v2(hubId, week);
    const strip = (p: DigestFiguresV2View['week']) => ({ key: p.key, from: p.from, to: p.to, figures: p.figures });
    return { hubId, week: strip(w), yearToDate: strip(ytd), rules };
  }
}
