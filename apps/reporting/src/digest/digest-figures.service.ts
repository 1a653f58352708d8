import { Injectable } from '@nestjs/common';
import { DigestFiguresV2View, DigestFiguresView } from '@cirkel/contracts';
import { DISCLOSURE_RULES } from '../statistics/disclosure-control';
import { isoWeek, lastDayOf, periodsOfYear, yearToDate } from '../statistics/periods';
import { PublishedFigures } from '../statistics/published-figures.service';
import { FigureRow, StatisticsRepository } from '../statistics/statistics.repository';
import { TargetsService } from '../targets/targets.service';
import { DigestActivityRepository } from './digest-activity.repository';
import { digestOfSeries, PieceCounts, piecesOf } from './digest-figures';

/**
 * The figures of the weekly city digest (notifications asks): a week and the year to date, counted
 * now by SQL aggregation (the week is too short-lived to store), always suppressed — as one of the
 * year's series of digests, so that no hidden count can be recomputed from this week's figures and
 * the earlier weeks' together (digest-figures.ts). The year's weeks are counted in pieces (a week's
 * days in one month) and every figure of every week is a sum of them; the earlier weeks' choices are
 * made again from the same counts, as they were when those digests were sent — unless a record was
 * back-dated since (see docs/decisions.md). The jobs are chosen beside the year's statistics as
 * city staff are shown them now (GET /statistics): the readers of the digest read those too.
 */
@Injectable()
export class DigestFiguresService {
  constructor(
    private readonly statistics: StatisticsRepository,
    private readonly activity: DigestActivityRepository,
    private readonly targets: TargetsService,
    private readonly published: PublishedFigures,
  ) {}

  async v2(hubId: string, week: string): Promise<DigestFiguresV2View> {
    const w = isoWeek(week);
    const ytd = yearToDate(w);
    const { pieces, weeks } = piecesOf(w);
    const year = Number(ytd.from.slice(0, 4));
    const yearPeriods = periodsOfYear(year);
    const phases = await this.targets.phasePeriods(hubId);
    // The year's statistics as city staff are shown them now — stored afresh (as a run does: idempotent), so that they count what
    // the digest counts — and the digest chosen beside them (digest-figures.ts, jobSeries). Beside figures of another moment a figure
    // the statistics show would be taken as known while the digest's count of it differs: so the pieces are counted, the year (and
    // the phases) stored and read back in one snapshot under the store's locks (StatisticsRepository.atOneMoment), a placement
    // recorded meanwhile counting in neither. The activity is not beside the statistics: counted beside it, on a connection of its own.
    const [{ rows, stored }, activity, target] = await Promise.all([
      this.statistics.atOneMoment(hubId, [yearPeriods[0].key, ...phases.slice(0, 1).map((p) => p.key)], async (manager) => {
        await this.statistics.replace(manager, hubId, yearPeriods);
        if (phases.length > 0) await this.statistics.replace(manager, hubId, phases);
        const rows = await this.statistics.live(hubId, pieces, manager);
        return { rows, stored: await this.statistics.storedOf(hubId, yearPeriods.map((p) => p.key), manager) };
      }),
      this.activity.activity(hubId, pieces),
      this.targets.targetOf(hubId, String(year)),
    ]);
    const statistics = { year, figures: this.published.chosen(hubId, year, stored, phases).figures };
    const counts = new Map<string, PieceCounts>(
      pieces.map((p) => {
        const of = rows.filter((r) => r.period === p.key);
        const get = (dimension: string, group: string): FigureRow | undefined => of.find((r) => r.dimension === dimension && r.groupKey === group);
        const total = get('total', '');
        const social = get('sector', 'social')?.jobs ?? 0;
        return [p.key, { jobs: { regular: (total?.jobs ?? 0) - social, social, hours: total?.hours ?? 0 }, participantsEntered: total?.participantsEntered ?? 0, participantsLeft: total?.participantsLeft ?? 0, activity: activity.filter((r) => r.period === p.key) }];
      }),
    );
    const digest = digestOfSeries(pieces, weeks, counts, statistics);
    return {
      hubId,
      week: { key: w.key, from: w.from, to: lastDayOf(w), ...digest.week },
      yearToDate: { key: `${year} t/m ${w.key}`, from: ytd.from, to: lastDayOf(ytd), ...digest.yearToDate },
      jobs: { year, target, perMonth: digest.perMonth },
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
