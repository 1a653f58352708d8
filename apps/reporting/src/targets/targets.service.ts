import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { hasHubRole, isHubAdmin } from '@cirkel/auth';
import { Caller, DomainError, ESF_PHASE_MAX_YEARS, EsfPhaseView, Forbidden, InputOf, PutEsfPhase, PutTarget, TargetView, ValidationFailed } from '@cirkel/contracts';
import { fte, HiddenOf } from '../statistics/statistics-view';
import { shown } from '../statistics/disclosure-control';
import { PublishedFigures } from '../statistics/published-figures.service';
import { dayAfter, Period, periodOf } from '../statistics/periods';
import { StatisticsRepository } from '../statistics/statistics.repository';
import { StatisticsRuns } from '../statistics/statistics-runs';
import { yearsOf } from '../statistics/published-statistics';
import { StatisticFigure } from '../statistics/statistic-figure.entity';
import { EsfPhase } from './esf-phase.entity';
import { Target } from './target.entity';

export class EsfPhaseNotFound extends DomainError {
  constructor(key: string) {
    super('esf-phase-not-found', 404, 'ESF phase not found', `The hub has no ESF phase "${key}".`);
  }
}

export class EsfPhaseHasTarget extends DomainError {
  constructor(key: string) {
    super('esf-phase-has-target', 409, 'ESF phase has a target', `The ESF phase "${key}" has a target: to remove the target with it, ask again with removeTarget=true.`);
  }
}

export class TargetNotFound extends DomainError {
  constructor(period: string) {
    super('target-not-found', 404, 'Target not found', `The hub has no target for "${period}".`);
  }
}

/** The same day (month and day as written) some years later. */
const yearsAfter = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** ESF phases and targets: hub admins set them; the figures reached come from the statistics job. */
@Injectable()
export class TargetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly figures: StatisticsRepository,
    private readonly published: PublishedFigures,
    private readonly runs: StatisticsRuns,
  ) {}

  /**
   * Sets a phase. A phase whose days change loses the figures kept for it, in the same transaction and under the phases' store
   * lock (StatisticsRepository.PHASES): figures of its old days, read with its new days, would be hidden as the new days' pattern
   * allows — a 1–4 shown. Until a run stores them again (queued now, of every year it covers) it reads as not computed yet, as a
   * new phase does.
   */
  async putPhase(caller: Caller, data: InputOf<typeof PutEsfPhase>): Promise<EsfPhaseView> {
    if (data.to < data.from) throw new ValidationFailed([{ field: 'to', message: 'the last day comes on or after the first' }]);
    if (data.to >= yearsAfter(data.from, ESF_PHASE_MAX_YEARS)) throw new ValidationFailed([{ field: 'to', message: `at most ${ESF_PHASE_MAX_YEARS} years after the first day` }]);
    const changed = await this.dataSource.transaction(async (manager) => {
      await this.figures.lockPhases(manager, caller.hubId);
      const before = await manager.findOneBy(EsfPhase, { hubId: caller.hubId, key: data.key });
      await manager.upsert(EsfPhase, { hubId: caller.hubId, key: data.key, name: data.name, fromDay: data.from, toDay: data.to }, ['hubId', 'key']);
      if (before?.fromDay === data.from && before.toDay === data.to) return false;
      await manager.delete(StatisticFigure, { hubId: caller.hubId, period: data.key });
      return true;
    });
    if (changed) await this.runs.figuresChanged(caller.hubId, yearsOf({ from: data.from, until: dayAfter(data.to) }).map((year) => `${year}-01-01`));
    return { key: data.key, name: data.name, from: data.from, to: data.to };
  }

  /**
   * Removes a phase and the figures the statistics job kept for it. A phase with a target is kept
   * (409) unless the target is to go with it (`removeTarget`): a hub admin removes a target knowingly,
   * never by the way. A target set at the same moment may outlive its phase: the list skips it.
   */
  async deletePhase(caller: Caller, key: string, removeTarget = false): Promise<EsfPhaseView> {
    return this.dataSource.transaction(async (manager) => {
      await this.figures.lockPhases(manager, caller.hubId); // no run stores its figures again after they are gone
      const phase = await manager.findOneBy(EsfPhase, { hubId: caller.hubId, key });
      if (!phase) throw new EsfPhaseNotFound(key);
      if (await manager.existsBy(Target, { hubId: caller.hubId, period: key })) {
        if (!removeTarget) throw new EsfPhaseHasTarget(key);
        await manager.delete(Target, { hubId: caller.hubId, period: key });
      }
      await manager.delete(StatisticFigure, { hubId: caller.hubId, period: key });
      await manager.delete(EsfPhase, { hubId: caller.hubId, key });
      return { key: phase.key, name: phase.name, from: phase.fromDay, to: phase.toDay };
    });
  }

  async phases(hubId: string): Promise<EsfPhaseView[]> {
    const rows = await this.dataSource.manager.find(EsfPhase, { where: { hubId }, order: { fromDay: 'ASC', key: 'ASC' } });
    return rows.map((p) => ({ key: p.key, name: p.name, from: p.fromDay, to: p.toDay }));
  }

  /** A year, quarter or month, or one of the hub's ESF phases (404 when it has none by that key). */
  async period(hubId: string, key: string, manager: EntityManager = this.dataSource.manager): Promise<Period> {
    if (/^\d{4}/.test(key)) return periodOf(key);
    const phase = await manager.findOneBy(EsfPhase, { hubId, key });
    if (!phase) throw new EsfPhaseNotFound(key);
    return { key, from: phase.fromDay, until: dayAfter(phase.toDay) };
  }

  async putTarget(caller: Caller, data: InputOf<typeof PutTarget>): Promise<TargetView> {
    await this.period(caller.hubId, data.period);
    if (data.socialJobs > data.jobs) throw new ValidationFailed([{ field: 'socialJobs', message: 'at most the jobs' }]);
    await this.dataSource.manager.upsert(Target, { hubId: caller.hubId, ...data }, ['hubId', 'period']);
    return (await this.list(caller)).find((t) => t.period === data.period) as TargetView;
  }

  /** The hub's target of a year or phase as set, or null (the digest's jobs against the year's target). */
  async targetOf(hubId: string, period: string): Promise<{ jobs: number; socialJobs: number; fte: number; participants: number } | null> {
    const t = await this.dataSource.manager.findOneBy(Target, { hubId, period });
    return t && { jobs: t.jobs, socialJobs: t.socialJobs, fte: t.fte, participants: t.participants };
  }

  /**
   * Removes a year's or a phase's target on its own (its phase and the figures stay), answering it as
   * it was. A target whose phase is gone counts as none, as in the list. Not audited: setting one
   * (PUT) is not either — targets are the hub's plans, not people's data.
   */
  async deleteTarget(caller: Caller, period: string): Promise<TargetView> {
    const view = await this.figures.atSnapshot(async (manager) => {
      const target = await manager.findOneBy(Target, { hubId: caller.hubId, period });
      return target && this.view(caller, target, manager);
    });
    if (!view) throw new TargetNotFound(period);
    const { affected } = await this.dataSource.manager.delete(Target, { hubId: caller.hubId, period });
    if (!affected) throw new TargetNotFound(period); // removed meanwhile by another request
    return view;
  }

  /** Every target with what was reached (from the stored figures), suppressed for anyone but a hub admin. */
  async list(caller: Caller): Promise<TargetView[]> {
    if (!hasHubRole(caller, 'hub_admin', 'city_staff')) throw new Forbidden('Only hub admins and city staff read the targets.');
    // The targets, their periods, figures and what is hidden of them, at one moment (atSnapshot).
    return this.figures.atSnapshot(async (manager) => {
      const targets = await manager.find(Target, { where: { hubId: caller.hubId }, order: { period: 'ASC' } });
      const views: TargetView[] = [];
      for (const t of targets) {
        const view = await this.view(caller, t, manager);
        if (view) views.push(view);
      }
      return views;
    });
  }

  /** A target with what was reached, read with `manager` (a snapshot's); null when its phase was removed. */
  private async view(caller: Caller, t: Target, manager: EntityManager): Promise<TargetView | null> {
    const period = await this.period(caller.hubId, t.period, manager).catch(() => null);
    if (!period) return null;
    const stored = await this.figures.stored(caller.hubId, t.period, manager);
    const total = stored.find((f) => f.dimension === 'total');
    const jobs = total?.jobs ?? 0;
    const social = stored.find((f) => f.dimension === 'sector' && f.groupKey === 'social')?.jobs ?? 0;
    const entered = total?.participantsEntered ?? 0;
    const hidden: NonNullable<HiddenOf> = isHubAdmin(caller) ? () => false : await this.published.hiddenOf(caller.hubId, period, manager);
    const jobsHidden = hidden('jobs', 'total', '');
    return {
      period: t.period,
      from: period.from,
      to: dayBefore(period.until),
      target: { jobs: t.jobs, socialJobs: t.socialJobs, fte: t.fte, participants: t.participants },
      actual: { jobs: shown(jobs, jobsHidden), socialJobs: shown(social, hidden('jobs', 'sector', 'social')), fte: shown(fte(total?.hours ?? 0), jobsHidden), participants: shown(entered, hidden('participantsEntered', 'total', '')) },
      computedAt: total?.computedAt.toISOString() ?? null,
    };
  }
}
