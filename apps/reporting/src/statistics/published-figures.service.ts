import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EsfPhase } from '../targets/esf-phase.entity';
import { dayAfter, Period, periodOf, periodsOfYear } from './periods';
import { phaseHidden, PublishedYear, yearsOf } from './published-statistics';
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
const patterns = new Map<string, { chosenFrom: string; year: PublishedYear }>();

/** What a year's pattern depends on: the counts stored (not when they were stored, nor the hours: FTE shares the jobs' pattern) and the phases. */
function chosenFrom(stored: readonly StatisticFigure[], phaseKey: string): string {
  const hash = createHash('sha256').update(phaseKey);
  for (const line of stored.map((f) => `${f.period}\u0000${f.dimension}\u0000${f.groupKey}\u0000${f.jobs}\u0000${f.participantsEntered}\u0000${f.participantsLeft}`).sort()) hash.update(line).update('\n');
  return hash.digest('base64');
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
  constructor(
    private readonly figures: StatisticsRepository,
    private readonly dataSource: DataSource,
  ) {}

  async ofYear(hubId: string, year: number): Promise<PublishedYear> {
    const stored = await this.figures.storedOf(hubId, periodsOfYear(year).map((p) => p.key));
    const phases = (await this.dataSource.manager.find(EsfPhase, { where: { hubId }, order: { fromDay: 'ASC', key: 'ASC' } })).map((p) => ({ from: p.fromDay, until: dayAfter(p.toDay) }));
    return this.chosen(hubId, year, stored, phases);
  }

  /** The year's publication chosen from these stored figures of it and these phases (the digest's, read at its one moment), or the one kept if chosen from the same. */
  chosen(hubId: string, year: number, stored: readonly StatisticFigure[], phases: readonly { from: string; until: string }[]): PublishedYear {
    const from = chosenFrom(stored, phases.map((p) => `${p.from}/${p.until}`).join(','));
    const k = `${hubId}.${year}`;
    const kept = patterns.get(k);
    if (kept && kept.chosenFrom === from) return kept.year;
    const published = new PublishedYear(year, stored, phases);
    patterns.delete(k);
    patterns.set(k, { chosenFrom: from, year: published });
    if (patterns.size > KEPT) patterns.delete(patterns.keys().next().value as string);
    return published;
  }

  /** Which figures of a period (a year, quarter or month, or an ESF phase) are hidden from a reader without detail rights. */
  async hiddenOf(hubId: string, period: Period): Promise<NonNullable<HiddenOf>> {
    if (/^\d{4}(-Q[1-4]|-\d{2})?$/.test(period.key)) {
      const year = await this.ofYear(hubId, Number(periodOf(period.key).from.slice(0, 4)));
      return (field, dimension, group) => year.isHidden(field, period.key, dimension, group);
    }
    const years = await Promise.all(yearsOf(period).map((y) => this.ofYear(hubId, y)));
    return phaseHidden(period, years);
  }
}
