import { Injectable } from '@nestjs/common';
import { DigestFiguresV2View, DigestFiguresView } from '@cirkel/contracts';
import { DISCLOSURE_RULES } from '../statistics/disclosure-control';
import { isoWeek, lastDayOf, periodsOfYear, yearToDate } from '../statistics/periods';
import { PublishedFigures } from '../statistics/published-figures.service';
import { FigureRow, PHASES, StatisticsRepository } from '../statistics/statistics.repository';
import { TargetsService } from '../targets/targets.service';
import { DigestActivityRepository } from './digest-activity.repository';
import { daysCounted, digestOfSeries, PieceCounts, piecesOf, seriesPieces } from './digest-figures';
import { segmentsOf } from './released-figures';

/**
 * The figures of the weekly city digest (notifications asks): a week and the year to date, counted
 * now by SQL aggregation (the week is too short-lived to store), always suppressed — as one of the
 * year's series of digests, so that no hidden count can be recomputed from this week's figures and
 * the earlier weeks' together (digest-figures.ts). The year's weeks are counted in pieces (a week's
 * days in one month; the first week from 1 January) and every figure of every week is a sum of them. What each week's digest
 * showed is kept when answered (digest_release: asked again, the same answer) and taken as it was
 * sent by the later digests and by the year's statistics (released-figures.ts); a week without a
 * release (sent before releases were kept) is chosen again from today's counts. The jobs are chosen
 * beside the year's statistics as city staff are shown them now (GET /statistics): the readers of
 * the digest read those too. See docs/decisions.md, 'The digests sent are kept'.
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
    // A digest asked again for a week answered already (a retry, a second instance, a digest resent) gets the same answer:
    // that is what was released, and what the statistics and the later digests are chosen beside.
    const kept = await this.statistics.releaseOf(hubId, week);
    if (kept) return kept.answer;
    const w = isoWeek(week);
    const ytd = yearToDate(w);
    const { pieces: ownPieces } = piecesOf(w);
    const year = Number(ytd.from.slice(0, 4));
    const yearPeriods = periodsOfYear(year);
    // The activity is not beside the statistics: counted meanwhile, on a connection of its own.
    const pending = Promise.all([this.activity.activity(hubId, ownPieces), this.targets.targetOf(hubId, String(year))]);
    pending.catch(() => undefined); // awaited below; a failure before then is not unhandled
    // The year's statistics as city staff are shown them now — stored afresh (as a run does: idempotent), so that they count what
    // the digest counts — and the digest chosen beside them (digest-figures.ts, jobSeries). Beside figures of another moment a figure
    // the statistics show would be taken as known while the digest's count of it differs: so the pieces are counted, the year (and
    // the phases) stored and read back in one snapshot under the store's locks (StatisticsRepository.atOneMoment), a placement
    // recorded meanwhile counting in neither. Under the same locks the digests released this year are read and this one kept, and the
    // phases are read (a phase changed meanwhile waits for the lock of the phases; changed before, it is read as it is now).
    return this.statistics.atOneMoment(hubId, [yearPeriods[0].key, PHASES], async (manager) => {
      const again = await this.statistics.releaseOf(hubId, week, manager);
      if (again) return again.answer;
      const phases = await this.statistics.phasePeriods(hubId, manager);
      await this.statistics.replace(manager, hubId, yearPeriods);
      if (phases.length > 0) await this.statistics.replace(manager, hubId, phases);
      const releases = await this.statistics.releasesOf(hubId, year, manager);
      await this.statistics.replaceSegments(manager, hubId, year, segmentsOf(year, releases));
      // A week later than this one released already (asked out of turn), and the next week (protected): the pieces reach their end.
      const { pieces, weeks, asked } = seriesPieces(w, releases);
      const rows = await this.statistics.live(hubId, pieces, manager);
      const stored = await this.statistics.storedOf(hubId, yearPeriods.map((p) => p.key), manager);
      const segments = await this.statistics.segmentsStored(hubId, year, manager);
      const [activity, target] = await pending;
      const chosen = this.published.chosen(hubId, year, stored, phases, releases, segments);
      const counts = new Map<string, PieceCounts>(
        pieces.map((p) => {
          const of = rows.filter((r) => r.period === p.key);
          const get = (dimension: string, group: string): FigureRow | undefined => of.find((r) => r.dimension === dimension && r.groupKey === group);
          const total = get('total', '');
          const social = get('sector', 'social')?.jobs ?? 0;
          return [p.key, { jobs: { regular: (total?.jobs ?? 0) - social, social, hours: total?.hours ?? 0 }, participantsEntered: total?.participantsEntered ?? 0, participantsLeft: total?.participantsLeft ?? 0, activity: activity.filter((r) => r.period === p.key) }];
        }),
      );
      const digest = digestOfSeries(pieces, weeks, counts, { year, figures: chosen.year.figures }, releases, asked);
      const answer: DigestFiguresV2View = {
        hubId,
        // The year's first week from 1 January (daysCounted): its days of December are the year before's.
        week: { key: w.key, from: daysCounted(w).from, to: lastDayOf(w), ...digest.week },
        yearToDate: { key: `${year} t/m ${w.key}`, from: ytd.from, to: lastDayOf(ytd), ...digest.yearToDate },
        jobs: { year, target, perMonth: digest.perMonth },
        rules: DISCLOSURE_RULES,
      };
      const release = { week: w.key, figures: digest.released, chosenBeside: chosen.key };
      await this.statistics.addRelease(manager, { hubId, year, answer, ...release });
      await this.statistics.replaceSegments(manager, hubId, year, segmentsOf(year, [...releases, release]));
      return answer;
    });
  }

  /** Version 1: the same week and year to date, only their jobs and participants. */
  async v1(hubId: string, week: string): Promise<DigestFiguresView> {
    const { week: w, yearToDate: ytd, rules } = await this.v2(hubId, week);
    const strip = (p: DigestFiguresV2View['week']) => ({ key: p.key, from: p.from, to: p.to, figures: p.figures });
    return { hubId, week: strip(w), yearToDate: strip(ytd), rules };
  }
}
