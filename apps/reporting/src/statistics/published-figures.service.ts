import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ESF_PHASE_MAX_YEARS } from '@cirkel/contracts';
import { Period, periodOf, periodsOfYear } from './periods';
import { phaseHidden, PublishedYear, yearsOf } from './published-statistics';
import { CountNow, fixedForStatistics, Release } from '../digest/released-figures';
import { StatisticFigure } from './statistic-figure.entity';
import { StatisticsRepository } from './statistics.repository';
import { HiddenOf } from './statistics-view';

/** How many hub years' patterns are kept (each about a second of CPU to choose). */
const KEPT = 32;

/**
 * The patterns kept, shared by every instance in the process: the statistics job's (which chooses them after storing, off the request path) and the readers'.
 * Each is kept with what it was chosen from (the year's stored counts and the hub's phases, as a digest): a run that stores the same figures again
 * (idempotent) keeps it — before, every run chose it again (a second of CPU), and so did the next read of each replica.
 */
const patterns = new Map<string, { chosenFrom: string; released: string; year: PublishedYear }>();

/** What a year's pattern depends on: the counts stored (not when they were stored, nor the hours: FTE shares the jobs' pattern) and the phases. */
function chosenFrom(stored: readonly StatisticFigure[], phaseKey: string): string {
  const hash = createHash('sha256').update(phaseKey);
  for (const line of stored.map((f) => `${f.period}\u0000${f.dimension}\u0000${f.groupKey}\u0000${f.jobs}\u0000${f.participantsEntered}\u0000${f.participantsLeft}`).sort()) hash.update(line).update('\n');
  return hash.digest('base64');
}

/** A released figure's count now, from the stored segment counts of its year (the segments its days are cut into). */
function segmentCounts(segments: readonly StatisticFigure[]): CountNow {
  return (measure, from, until) =>
    segments
      .filter((f) => f.period.slice(0, 10) >= from && f.period.slice(11) <= until)
      .reduce((sum, f) => {
        if (measure === 'participantsEntered' || measure === 'participantsLeft') return sum + (f.dimension === 'total' ? f[measure] : 0);
        if (measure === 'jobs') return sum + (f.dimension === 'total' ? f.jobs : 0);
        return sum + (f.dimension === 'sector' && f.groupKey === measure.slice(5) ? f.jobs : 0);
      }, 0);
}

/**
 * What readers without detail rights are shown (city staff, the suppressed export, the targets'
 * progress, the public page): the hidden figures of a hub's year, chosen over all its periods
 * together (published-statistics.ts) from the stored figures and kept until a run stores new ones.
 * The statistics job chooses them right after it stores a year (a reader then finds them ready); a
 * reader of another replica, or after a restart, chooses them on its first read. The hub's ESF
 * phases are part of the choice (a phase's part of the year of 1–4 is kept from being computed):
 * a phase set or changed chooses them again.
 */
@Injectable()
export class PublishedFigures {
  constructor(private readonly figures: StatisticsRepository) {}

  /**
   * The year's publication as chosen from what is stored now (one snapshot: the year's counts, their segments, the phases, the
   * digests released) — or, given a reader's `manager` (StatisticsRepository.atSnapshot), as stored in that reader's snapshot, the
   * one it reads the figures shown in.
   */
  async ofYear(hubId: string, year: number, manager?: EntityManager): Promise<PublishedYear> {
    const inputs = async (m: EntityManager) => ({
      stored: await this.figures.storedOf(hubId, periodsOfYear(year).map((p) => p.key), m),
      segments: await this.figures.segmentsStored(hubId, year, m),
      releases: await this.figures.releasesOf(hubId, year, m),
      phases: await this.figures.phasePeriods(hubId, m),
    });
    const read = manager ? await inputs(manager) : await this.figures.atSnapshot(inputs);
    return this.chosen(hubId, year, read.stored, read.phases, read.releases, read.segments).year;
  }

  /**
   * The year's publication chosen from these stored figures of it and these phases (the digest's, read at its one moment), or
   * the one kept if chosen from the same; `key` names the counts and phases it was chosen from. The weekly digests released
   * (`releases`, with the stored counts of their segments) are taken as chosen already — all but those released beside these
   * very counts and phases (same key): each of those was chosen beside this publication, so leaving them out keeps the
   * publication of the same counts the same (a figure does not flicker between shown and hidden because a digest was sent).
   */
  chosen(hubId: string, year: number, stored: readonly StatisticFigure[], phases: readonly { from: string; until: string }[], releases: readonly Release[] = [], segments: readonly StatisticFigure[] = []): { year: PublishedYear; key: string } {
    const from = chosenFrom(stored, phases.map((p) => `${p.from}/${p.until}`).join(','));
    const fixed = fixedForStatistics(releases, from, segmentCounts(segments));
    const releasedKey = [...fixed.shown.map((f) => `s${f.week}.${f.measure}.${f.from}.${f.until}`), ...fixed.guarded.map((f) => `g${f.week}.${f.measure}.${f.from}.${f.until}`)].join(',');
    const k = `${hubId}.${year}`;
    const kept = patterns.get(k);
    if (kept && kept.chosenFrom === from && kept.released === releasedKey) return { year: kept.year, key: from };
    const published = new PublishedYear(year, stored, phases, fixed);
    patterns.delete(k);
    patterns.set(k, { chosenFrom: from, released: releasedKey, year: published });
    if (patterns.size > KEPT) patterns.delete(patterns.keys().next().value as string);
    return { year: published, key: from };
  }

  /** Which figures of a period (a year, quarter or month, or an ESF phase) are hidden from a reader without detail rights; `manager`: as ofYear's. */
  async hiddenOf(hubId: string, period: Period, manager?: EntityManager): Promise<NonNullable<HiddenOf>> {
    if (/^\d{4}(-Q[1-4]|-\d{2})?$/.test(period.key)) {
      const year = await this.ofYear(hubId, Number(periodOf(period.key).from.slice(0, 4)), manager);
      return (field, dimension, group) => year.isHidden(field, period.key, dimension, group);
    }
    // A phase longer than a phase may now be (set before the limit): every figure hidden, rather than a pattern chosen per year of it.
    if (yearsOf(period).length > ESF_PHASE_MAX_YEARS + 1) return () => true;
    const years: PublishedYear[] = [];
    for (const y of yearsOf(period)) years.push(await this.ofYear(hubId, y, manager)); // one connection: one year after the other
    return phaseHidden(period, years);
  }
}
