import { randomUUID } from 'node:crypto';
import { Caller, DeleteEsfPhase, DeleteTarget, ExportStatistics, GetDigestFigures, ListAuditLog, GetPublicStatistics, GetStatistics, ListEsfPhases, ListTargets, PutEsfPhase, PutTarget, RolesChanged, RunStatistics, StatisticsRun } from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';
import { createServiceApp } from '@cirkel/runtime';
import { eventually, publishTestEvent, runDelayedJobsNow, ServiceUnderTest, startServiceUnderTest, testEvent, TestRequests, waitForJob } from '@cirkel/testing';
import { ReportingModule } from '../src/reporting.module';
import { PublishedFigures } from '../src/statistics/published-figures.service';
import { StatisticsService } from '../src/statistics/statistics.service';
import { StatisticsRuns } from '../src/statistics/statistics-runs';
import { StatisticsRepository } from '../src/statistics/statistics.repository';
import { periodsOfYear } from '../src/statistics/periods';
import { TargetsService } from '../src/targets/targets.service';

/**
 * The statistics job and what it shows, on a small fixture whose figures are counted by hand:
 * twelve participants (eight women, four men; all entered on 2 February 2026, two left on 31 May),
 * twelve placements (one each): eight for an idea in care, four in green; nine in the social
 * economy at 38 h, three regular at 19 h; ten start on 1 April 2026, two (a man's in green, regular)
 * on 1 December 2025. So 2026 has 10 jobs, 9.5 FTE: social 9, regular 1; care 8, green 2; women 8, men 2.
 * Each of the eight indicators splits the participants its own way (INDICATOR_VALUES), so that each
 * indicator's groups are counted by hand (BY_HAND): an indicator counted from another's column fails.
 */
let sut: ServiceUnderTest;
let requests: TestRequests;
const hubId = randomUUID();
const [care, green] = [randomUUID(), randomUUID()];
const caller = (hubRoles: Caller['hubRoles']): Caller => ({ personId: randomUUID(), hubId, hubRoles, memberships: [] });
const admin = caller(['hub_admin']);
const city = caller(['city_staff']);
const mentor = caller(['mentor']);

/** Participant i's indicators (i = 0–11; participants 0–9 have their job in 2026, 10 and 11 in December 2025). */
const INDICATOR_VALUES = (i: number) => ({
  gender: i < 8 ? 'woman' : 'man',
  ageBand: i < 5 ? '18_29' : i < 9 ? '30_54' : i < 10 ? '55_plus' : 'under_18',
  labourMarketStatus: ['unemployed', 'long_term_unemployed', 'inactive', 'employed'][i % 4],
  education: ['isced_0_2', 'isced_3_4', 'isced_5_8'][i % 3],
  disability: i === 0 ? 'yes' : i < 3 ? 'declined' : 'no',
  thirdCountNational: i >= 7 && i <= 9 ? 'yes' : i === 10 ? 'declined' : 'no',
  foreignBackground: i === 11 ? 'declined' : i % 2 === 0 ? 'yes' : 'no',
  minority: i < 3 ? 'declined' : i < 6 ? 'yes' : 'no',
});
/** 2026's [jobs, participants entered] of each indicator's groups, counted by hand from INDICATOR_VALUES (jobs of 0–9, entered all 12). */
const BY_HAND: Record<string, Record<string, [number, number]>> = {
  gender: { woman: [8, 8], man: [2, 4], non_binary: [0, 0] },
  ageBand: { under_18: [0, 2], '18_29': [5, 5], '30_54': [4, 4], '55_plus': [1, 1] },
  labourMarketStatus: { unemployed: [3, 3], long_term_unemployed: [3, 3], inactive: [2, 3], employed: [2, 3] },
  education: { isced_0_2: [4, 4], isced_3_4: [3, 4], isced_5_8: [3, 4] },
  disability: { yes: [1, 1], no: [7, 9], declined: [2, 2] },
  thirdCountNational: { yes: [3, 3], no: [7, 8], declined: [0, 1] },
  foreignBackground: { yes: [5, 6], no: [5, 5], declined: [0, 1] },
  minority: { yes: [3, 3], no: [4, 6], declined: [3, 3] },
};

async function fixture(): Promise<void> {
  await sut.query(`INSERT INTO known_idea (id, hub_id, work_domain, stage, version) VALUES ($1, $3, 'care', 'pilot', 5), ($2, $3, 'green', 'launched', 6)`, [care, green, hubId]);
  for (let i = 0; i < 12; i++) {
    const participantId = randomUUID();
    const v = INDICATOR_VALUES(i);
    await sut.query(
      `INSERT INTO participant (id, hub_id, organisation_id, reference_hash, gender, age_band, labour_market_status, education, disability, third_country_national, foreign_background, minority, entry_date, exit_date, enrolled_at, enrolled_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '2026-02-02', $13, now(), $3)`,
      [participantId, hubId, randomUUID(), `hash-${i}-${hubId}`, v.gender, v.ageBand, v.labourMarketStatus, v.education, v.disability, v.thirdCountNational, v.foreignBackground, v.minority, i < 2 ? '2026-05-31' : null],
    );
    // The two who left: both employed at exit, one with a qualification; one still employed six months after.
    if (i < 2) await sut.query('UPDATE participant SET results_at_exit = $2, results_after_six_months = $3 WHERE id = $1', [participantId, i === 0 ? ['employed'] : ['employed', 'qualification_gained'], i === 0 ? ['employed'] : ['job_searching']]);
    await sut.query(
      `INSERT INTO placement (id, hub_id, participant_id, idea_id, employer_organisation_id, sector, contract_type, hours_per_week, start_date, recorded_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'art_60', $7, $8, now(), $5)`,
      [randomUUID(), hubId, participantId, i < 8 ? care : green, randomUUID(), i < 9 ? 'social' : 'regular', i < 9 ? 38 : 19, i < 10 ? '2026-04-01' : '2025-12-01'],
    );
  }
}

const stored = () => sut.query<Record<string, unknown>>(`SELECT period, dimension, group_key, jobs, hours, participants_entered, participants_left FROM statistic_figure WHERE hub_id = $1 ORDER BY 1, 2, 3`, [hubId]);

async function runYear(year: number) {
  const queue = sut.app.get(JobQueue).queueOf(StatisticsRun);
  const job = await sut.app.get(StatisticsService).run(hubId, year);
  return waitForJob(queue, job.id!);
}

beforeAll(async () => {
  sut = await startServiceUnderTest('reporting', (config) => createServiceApp(ReportingModule.forRoot(config), config));
  requests = await TestRequests.connect(sut.config);
  for (const c of [admin, city, mentor]) await publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, testEvent(RolesChanged, hubId, { personId: c.personId, name: 'Iemand', language: 'nl', hubRoles: c.hubRoles }, { aggregateVersion: 1 }));
  await fixture();
  await eventually(async () => expect(await sut.query('SELECT 1 FROM copied_hub_roles WHERE hub_id = $1', [hubId])).toHaveLength(3));
});

afterAll(async () => {
  await requests?.close();
  await sut?.stop();
});

describe('the statistics job', () => {
  it('stores the figures of the year, its quarters and months as counted by hand, and the same again when run twice', async () => {
    expect((await runYear(2026)).state).toBe('completed');
    const first = await stored();
    const figure = (period: string, dimension: string, group: string) => first.find((f) => f.period === period && f.dimension === dimension && f.group_key === group);
    expect(figure('2026', 'total', '')).toEqual({ period: '2026', dimension: 'total', group_key: '', jobs: 10, hours: '361.00', participants_entered: 12, participants_left: 2 });
    expect(figure('2026', 'sector', 'social')).toMatchObject({ jobs: 9, hours: '342.00' });
    expect(figure('2026', 'sector', 'regular')).toMatchObject({ jobs: 1, hours: '19.00' });
    expect(figure('2026', 'workDomain', 'care')).toMatchObject({ jobs: 8 });
    expect(figure('2026', 'workDomain', 'green')).toMatchObject({ jobs: 2 });
    for (const [indicator, groups] of Object.entries(BY_HAND)) {
      for (const [group, [jobs, entered]] of Object.entries(groups)) {
        const f = figure('2026', indicator, group);
        expect([indicator, group, f?.jobs ?? 0, f?.participants_entered ?? 0]).toEqual([indicator, group, jobs, entered]);
      }
    }
    expect(figure('2026-04', 'minority', 'no')).toMatchObject({ jobs: 4, participants_entered: 0 });
    expect(figure('2026-02', 'disability', 'no')).toMatchObject({ jobs: 0, participants_entered: 9 });
    expect(figure('2026-Q2', 'total', '')).toMatchObject({ jobs: 10, participants_entered: 0, participants_left: 2 });
    expect(figure('2026-04', 'contractType', 'art_60')).toMatchObject({ jobs: 10 });
    expect(figure('2026-02', 'total', '')).toMatchObject({ jobs: 0, participants_entered: 12 });
    expect(figure('2026-Q1', 'workDomain', 'care')).toBeUndefined();
    expect(figure('2026-Q2', 'resultAtExit', 'employed')).toMatchObject({ participants_left: 2 });
    expect(figure('2026', 'resultAtExit', 'qualification_gained')).toMatchObject({ participants_left: 1 });
    expect(figure('2026', 'resultAfterSixMonths', 'job_searching')).toMatchObject({ participants_left: 1 });
    // Six months after their exit on 31 May: counted in November (the period the six months end in), not in the quarter they left.
    expect(figure('2026-Q2', 'resultAfterSixMonths', 'employed')).toBeUndefined();
    expect(figure('2026-11', 'resultAfterSixMonths', 'employed')).toMatchObject({ participants_left: 1, participants_entered: 0 });
    expect(figure('2026-Q4', 'resultAfterSixMonths', 'job_searching')).toMatchObject({ participants_left: 1 });

    const chosen = await sut.app.get(PublishedFigures).ofYear(hubId, 2026);
    expect((await runYear(2026)).state).toBe('completed');
    expect(await stored()).toEqual(first);
    // The same figures keep what readers without detail rights are shown: not chosen again (about a second of CPU a year).
    expect(await sut.app.get(PublishedFigures).ofYear(hubId, 2026)).toBe(chosen);
  });

  it('coalesces the requests after placements into one run a few seconds later', async () => {
    const runs = sut.app.get(StatisticsRuns);
    const queue = sut.app.get(JobQueue).queueOf(StatisticsRun);
    for (const day of ['2027-01-05', '2027-02-10', '2027-03-01']) await runs.figuresChanged(hubId, [day]);
    const waiting = (await queue.getDelayed()).filter((j) => j.data.hubId === hubId);
    expect(waiting.map((j) => j.data)).toEqual([{ hubId, year: 2027 }]);
    expect(await runDelayedJobsNow(queue)).toContain(waiting[0].id);
    expect((await waitForJob(queue, waiting[0].id!)).state).toBe('completed');
  });

  it('leaves the choice of what city staff see to the run a later change has queued already (one second of CPU a run, in a burst only the last)', async () => {
    const chosen = jest.spyOn(PublishedFigures.prototype, 'ofYear');
    try {
      const queue = sut.app.get(JobQueue).queueOf(StatisticsRun);
      await sut.app.get(StatisticsRuns).figuresChanged(hubId, ['2026-06-01']);
      const [later] = (await queue.getDelayed()).filter((j) => j.data.hubId === hubId && j.data.year === 2026);
      expect((await runYear(2026)).state).toBe('completed');
      expect(chosen).not.toHaveBeenCalledWith(hubId, 2026);
      expect(await runDelayedJobsNow(queue)).toContain(later.id);
      expect((await waitForJob(queue, later.id!)).state).toBe('completed');
      expect(chosen).toHaveBeenCalledWith(hubId, 2026);
    } finally {
      chosen.mockRestore();
    }
  });
});

describe('reading the statistics', () => {
  it('shows a hub admin the figures as they are, FTE = hours / 38, and writes each such read to the audit log', async () => {
    const view = await requests.request(GetStatistics, admin, { period: '2026', groupBy: 'sector' });
    expect(view).toMatchObject({ suppressed: false, total: { jobs: { value: 10 }, fte: { value: 9.5 } }, period: { from: '2026-01-01', to: '2026-12-31' } });
    expect(view.computedAt).not.toBeNull();
    expect(view.rows.map((r) => [r.group, r.jobs?.value, r.fte?.value])).toEqual([['regular', 1, 0.5], ['social', 9, 9]]);
    const results = await requests.request(GetStatistics, admin, { period: '2026', groupBy: 'result' });
    expect(results.total.participantsLeft).toEqual({ value: 2, suppressed: false });
    expect(results.rows.filter((r) => (r.participantsLeft?.value ?? 0) > 0).map((r) => [r.dimension, r.group, r.participantsLeft?.value])).toEqual([
      ['resultAtExit', 'employed', 2],
      ['resultAtExit', 'qualification_gained', 1],
      ['resultAfterSixMonths', 'employed', 1],
      ['resultAfterSixMonths', 'job_searching', 1],
    ]);
    // Each unsuppressed read is audited, as an unsuppressed export is; a suppressed read (city staff) is not.
    await requests.request(GetStatistics, city, { period: '2026', groupBy: 'sector' });
    const log = await requests.request(ListAuditLog, admin, { limit: 10 });
    expect(log.items.slice(0, 2).map((e) => [e.action, e.period, e.personId, e.participantId])).toEqual([
      ['statistics-read-unsuppressed', '2026', admin.personId, null],
      ['statistics-read-unsuppressed', '2026', admin.personId, null],
    ]);
  });

  it('hides from city staff every count of 1–4 and what would give it away, and refuses a mentor', async () => {
    const bySector = await requests.request(GetStatistics, city, { period: '2026', groupBy: 'sector' });
    expect(bySector).toMatchObject({ suppressed: true, total: { jobs: { value: 10, suppressed: false } } });
    expect(bySector.rules).toContain('1 to 4');
    expect(bySector.rows.map((r) => [r.group, r.jobs?.suppressed, r.fte?.suppressed])).toEqual([['regular', true, true], ['social', true, true]]);
    const results = await requests.request(GetStatistics, city, { period: '2026', groupBy: 'result' });
    expect(results.rows.filter((r) => r.participantsLeft?.suppressed).length).toBe(4);
    expect(results.rows.every((r) => r.participantsLeft?.suppressed || r.participantsLeft?.value === 0)).toBe(true);

    const byIndicator = await requests.request(GetStatistics, city, { period: '2026', groupBy: 'indicator' });
    const gender = byIndicator.rows.filter((r) => r.dimension === 'gender');
    expect(gender.map((r) => [r.group, r.jobs?.value, r.participantsEntered?.value])).toEqual([['woman', null, null], ['man', null, null], ['non_binary', 0, 0]]);
    // 18–29 holds five of the jobs: shown, like the zero beside it; the 4 and the 1 stay hidden (5 and 0 of 10 leave 5 between them).
    expect(byIndicator.rows.filter((r) => r.dimension === 'ageBand').map((r) => [r.group, r.jobs?.value])).toEqual([['under_18', 0], ['18_29', 5], ['30_54', null], ['55_plus', null]]);

    expect(await requests.problem(GetStatistics, mentor, { period: '2026', groupBy: 'sector' })).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await requests.problem(GetStatistics, admin, { period: '2026-13', groupBy: 'sector' })).toMatchObject({ type: 'validation-failed', status: 400 });
  });

  it('exports to a hub admin the ESF indicators suppressed unless asked otherwise, writes each export to the audit log, and refuses city staff', async () => {
    const suppressed = await requests.request(ExportStatistics, admin, { period: '2026', suppressed: true });
    expect(suppressed).toMatchObject({ suppressed: true, groupBy: 'indicator', total: { jobs: { value: 10, suppressed: false } } });
    expect(suppressed.rules).toContain('1 to 4');
    expect(suppressed.rows.filter((r) => r.dimension === 'gender').map((r) => r.jobs?.value)).toEqual([null, null, 0]);
    const exact = await requests.request(ExportStatistics, admin, { period: '2026', suppressed: false });
    expect(exact).toMatchObject({ suppressed: false, rules: null });
    expect(exact.rows.filter((r) => r.dimension === 'gender').map((r) => r.jobs?.value)).toEqual([8, 2, 0]);

    const log = await requests.request(ListAuditLog, admin, { limit: 10 });
    expect(log.items.slice(0, 2).map((e) => [e.action, e.period, e.personId, e.participantId])).toEqual([
      ['statistics-exported-unsuppressed', '2026', admin.personId, null],
      ['statistics-exported', '2026', admin.personId, null],
    ]);
    expect(await requests.problem(ExportStatistics, city, { period: '2026', suppressed: true })).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await requests.problem(ExportStatistics, city, { period: '2026', suppressed: false })).toMatchObject({ type: 'forbidden', status: 403 });
  });

  it('gives notifications the digest figures of a week and the year to date, suppressed', async () => {
    const digest = await requests.request(GetDigestFigures, null, { week: '2026-W14' }, { hubId });
    expect(digest.week).toMatchObject({ from: '2026-03-30', to: '2026-04-05' });
    expect(digest.week.figures).toEqual({
      jobsCreated: { value: 10, suppressed: false },
      socialEconomyJobs: { value: null, suppressed: true }, // 9 social beside 1 regular would give the 1 away
      fte: { value: 9.5, suppressed: false },
      participantsEntered: { value: 0, suppressed: false },
      participantsLeft: { value: 0, suppressed: false },
    });
    expect(digest.yearToDate).toMatchObject({ from: '2026-01-01', to: '2026-04-05', figures: { jobsCreated: { value: 10 }, participantsEntered: { value: 12 } } });
  });

  it('gives the public page the year’s headline figures, always suppressed, computed at most once a minute', async () => {
    const figures = await sut.app.get(StatisticsService).publicFigures(hubId, new Date('2026-06-01T10:00:00Z'));
    expect(figures).toMatchObject({ year: 2026, jobsCreated: { value: 10, suppressed: false }, socialEconomyJobs: { value: null, suppressed: true } });
    // Two ideas, one in care (pilot) and one in green (launched): every count of them is 1 or 2, so hidden; the zeros are shown.
    const shownCounts = [figures.ideas.total, ...figures.ideas.byStage, ...figures.ideas.rows.flatMap((r) => [r.total, ...r.byStage])].filter((c) => !c.suppressed);
    expect(shownCounts.every((c) => c.value === 0)).toBe(true);
    expect(figures.ideas.rows.find((r) => r.workDomain === 'care')?.byStage[figures.ideas.stages.indexOf('pilot')]).toEqual({ value: null, suppressed: true });

    const first = await requests.request(GetPublicStatistics, null, {}, { hubId });
    const again = await requests.request(GetPublicStatistics, null, {}, { hubId });
    expect(again.computedAt).toBe(first.computedAt);
  });
});

describe('ESF phases and targets', () => {
  it('keeps the statistics of a phase a hub admin defines, and the progress against the targets (suppressed for city staff)', async () => {
    const phase = { key: 'circulair-werkt-2', name: 'circulair werk(t)! fase 2', from: '2026-03-01', to: '2026-06-30' };
    expect(await requests.request(PutEsfPhase, admin, phase)).toEqual(phase);
    expect(await requests.problem(PutEsfPhase, city, phase)).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await requests.problem(PutEsfPhase, admin, { ...phase, name: 'fase\u00002' })).toMatchObject({ type: 'validation-failed', status: 400, errors: [{ field: 'name' }] });
    expect((await requests.request(ListEsfPhases, city, {})).items).toEqual([phase]);
    // At most 10 years, of 2000–2100: each year a phase touches costs its readers a year's pattern (0001–9999 stalled them).
    expect(await requests.problem(PutEsfPhase, admin, { ...phase, from: '0001-01-01', to: '9999-12-31' })).toMatchObject({ type: 'validation-failed', status: 400, errors: [{ field: 'from' }, { field: 'to' }] });
    expect(await requests.problem(PutEsfPhase, admin, { ...phase, from: '2021-01-01', to: '2031-01-01' })).toMatchObject({ type: 'validation-failed', status: 400, errors: [{ field: 'to', message: 'at most 10 years after the first day' }] });
    expect(await requests.problem(PutEsfPhase, admin, { ...phase, from: '2095-01-01', to: '2101-01-01' })).toMatchObject({ type: 'validation-failed', status: 400, errors: [{ field: 'to' }] });
    expect(await requests.problem(GetStatistics, admin, { period: '0050', groupBy: 'sector' })).toMatchObject({ type: 'validation-failed', status: 400, errors: [{ field: 'period' }] });
    expect(await requests.problem(PutTarget, admin, { period: '0050', jobs: 1, socialJobs: 0, fte: 1, participants: 1 })).toMatchObject({ type: 'validation-failed', status: 400 });
    expect((await runYear(2026)).state).toBe('completed');
    const ofPhase = await requests.request(GetStatistics, admin, { period: phase.key, groupBy: 'sector' });
    expect(ofPhase).toMatchObject({ period: { key: phase.key, from: '2026-03-01', to: '2026-06-30' }, total: { jobs: { value: 10 }, fte: { value: 9.5 } } });
    expect(await requests.problem(GetStatistics, admin, { period: 'no-such-phase', groupBy: 'sector' })).toMatchObject({ type: 'esf-phase-not-found', status: 404 });

    const target = await requests.request(PutTarget, admin, { period: '2026', jobs: 20, socialJobs: 15, fte: 18, participants: 30 });
    expect(target).toMatchObject({ period: '2026', target: { jobs: 20, socialJobs: 15, fte: 18, participants: 30 }, actual: { jobs: { value: 10 }, socialJobs: { value: 9 }, fte: { value: 9.5 }, participants: { value: 12 } } });
    await requests.request(PutTarget, admin, { period: phase.key, jobs: 8, socialJobs: 6, fte: 7, participants: 10 });
    expect(await requests.problem(PutTarget, admin, { period: 'no-such-phase', jobs: 1, socialJobs: 0, fte: 1, participants: 1 })).toMatchObject({ type: 'esf-phase-not-found', status: 404 });
    expect(await requests.problem(PutTarget, city, { period: '2026', jobs: 1, socialJobs: 0, fte: 1, participants: 1 })).toMatchObject({ type: 'forbidden', status: 403 });

    const seen = await requests.request(ListTargets, city, {});
    expect(seen.items.map((t) => t.period)).toEqual(['2026', phase.key]);
    expect(seen.items[0].actual).toEqual({ jobs: { value: 10, suppressed: false }, socialJobs: { value: null, suppressed: true }, fte: { value: 9.5, suppressed: false }, participants: { value: 12, suppressed: false } });
    expect(await requests.problem(ListTargets, mentor, {})).toMatchObject({ type: 'forbidden', status: 403 });
  });
});

describe('a run on demand (POST /statistics/runs)', () => {
  it('gives a new ESF phase its figures at once, for hub admins only', async () => {
    const queue = sut.app.get(JobQueue).queueOf(StatisticsRun);
    const phase = { key: 'demand-phase', name: 'Op vraag', from: '2026-04-01', to: '2026-04-30' };
    await requests.request(PutEsfPhase, admin, phase);
    const before = await requests.request(GetStatistics, admin, { period: phase.key, groupBy: 'sector' });
    expect(before.computedAt).toBeNull();

    const run = await requests.request(RunStatistics, admin, { year: 2026 });
    expect(run.year).toBe(2026);
    await runDelayedJobsNow(queue); // setting the phase queued a run of its year a few seconds later, which a run asked for now may join
    expect((await waitForJob(queue, run.runId)).state).toBe('completed');
    const after = await requests.request(GetStatistics, admin, { period: phase.key, groupBy: 'sector' });
    expect(after).toMatchObject({ total: { jobs: { value: 10 } } });
    expect(after.computedAt).not.toBeNull();

    expect(await requests.problem(RunStatistics, city, {})).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await requests.problem(RunStatistics, mentor, {})).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await requests.problem(RunStatistics, admin, { year: 1999 })).toMatchObject({ type: 'validation-failed', status: 400, errors: [{ field: 'year' }] });
  });

  it('joins a run already waiting after a change instead of adding another', async () => {
    const queue = sut.app.get(JobQueue).queueOf(StatisticsRun);
    await sut.app.get(StatisticsRuns).figuresChanged(hubId, ['2028-03-01']);
    const waiting = (await queue.getDelayed()).filter((j) => j.data.hubId === hubId && j.data.year === 2028);
    expect(waiting).toHaveLength(1);
    const run = await requests.request(RunStatistics, admin, { year: 2028 });
    expect(run).toMatchObject({ year: 2028, runId: waiting[0].id, coalesced: true });
    expect(Date.parse(run.startsBy)).toBeGreaterThan(Date.now());
    const of2028 = [...(await queue.getDelayed()), ...(await queue.getWaiting()), ...(await queue.getActive())].filter((j) => j.data.hubId === hubId && j.data.year === 2028);
    expect(of2028.map((j) => j.id)).toEqual([waiting[0].id]);
    await runDelayedJobsNow(queue);
    expect((await waitForJob(queue, run.runId)).state).toBe('completed');

    // Nothing waiting: a run of its own at once, and the next request after it another one.
    const first = await requests.request(RunStatistics, admin, { year: 2028 });
    expect(first).toMatchObject({ coalesced: false });
    expect(first.runId).not.toBe(run.runId);
    await waitForJob(queue, first.runId);
    const second = await requests.request(RunStatistics, admin, { year: 2028 });
    expect(second.runId).not.toBe(first.runId);
    await waitForJob(queue, second.runId);
  });
});

describe('removing an ESF phase (DELETE /esf-phases/{key})', () => {
  it('removes a phase with the figures kept for it, for hub admins only; a phase with a target only with removeTarget (else 409)', async () => {
    const phase = { key: 'weg-fase', name: 'Weg', from: '2026-01-01', to: '2026-01-31' };
    await requests.request(PutEsfPhase, admin, phase);
    await sut.query(`INSERT INTO statistic_figure (hub_id, period, dimension, group_key, jobs, hours, participants_entered, participants_left, computed_at) VALUES ($1, 'weg-fase', 'total', '', 1, 38, 0, 0, now())`, [hubId]);
    expect(await requests.problem(DeleteEsfPhase, city, { key: phase.key })).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await requests.request(DeleteEsfPhase, admin, { key: phase.key })).toEqual(phase);
    expect((await requests.request(ListEsfPhases, admin, {})).items.map((p) => p.key)).not.toContain(phase.key);
    expect(await sut.query(`SELECT 1 FROM statistic_figure WHERE hub_id = $1 AND period = 'weg-fase'`, [hubId])).toEqual([]);
    expect(await requests.problem(DeleteEsfPhase, admin, { key: phase.key })).toMatchObject({ type: 'esf-phase-not-found', status: 404 });

    // A phase with a target stays.
    await requests.request(PutEsfPhase, admin, { key: 'met-doel', name: 'Met doel', from: '2026-02-01', to: '2026-02-28' });
    await requests.request(PutTarget, admin, { period: 'met-doel', jobs: 2, socialJobs: 1, fte: 2, participants: 3 });
    expect(await requests.problem(DeleteEsfPhase, admin, { key: 'met-doel' })).toMatchObject({ type: 'esf-phase-has-target', status: 409 });
    expect((await requests.request(ListEsfPhases, admin, {})).items.map((p) => p.key)).toContain('met-doel');
    expect(await requests.problem(DeleteEsfPhase, admin, { key: 'Not A Key' })).toMatchObject({ type: 'validation-failed', status: 400 });
    // Asked to, the target goes with it.
    expect(await requests.request(DeleteEsfPhase, admin, { key: 'met-doel', removeTarget: 'true' })).toMatchObject({ key: 'met-doel' });
    expect(await sut.query(`SELECT 1 FROM target WHERE hub_id = $1 AND period = 'met-doel'`, [hubId])).toEqual([]);
    expect((await requests.request(ListEsfPhases, admin, {})).items.map((p) => p.key)).not.toContain('met-doel');
  });
});

describe('removing a target (DELETE /targets/{period})', () => {
  it('removes a year’s or a phase’s target on its own (the phase and its figures stay), for hub admins only; 404 when there is none', async () => {
    await requests.request(PutTarget, admin, { period: '2031', jobs: 5, socialJobs: 2, fte: 4, participants: 6 });
    await requests.request(PutEsfPhase, admin, { key: 'doel-weg', name: 'Doel weg', from: '2026-03-01', to: '2026-03-31' });
    await requests.request(PutTarget, admin, { period: 'doel-weg', jobs: 3, socialJobs: 1, fte: 2, participants: 4 });
    await sut.query(`INSERT INTO statistic_figure (hub_id, period, dimension, group_key, jobs, hours, participants_entered, participants_left, computed_at) VALUES ($1, 'doel-weg', 'total', '', 1, 38, 0, 0, now())`, [hubId]);
    const periods = async () => (await requests.request(ListTargets, admin, {})).items.map((t) => t.period);

    expect(await requests.problem(DeleteTarget, city, { period: '2031' })).toMatchObject({ type: 'forbidden', status: 403 });
    expect(await requests.request(DeleteTarget, admin, { period: '2031' })).toMatchObject({ period: '2031', from: '2031-01-01', to: '2031-12-31', target: { jobs: 5, socialJobs: 2, fte: 4, participants: 6 } });
    expect(await periods()).not.toContain('2031');
    expect(await requests.problem(DeleteTarget, admin, { period: '2031' })).toMatchObject({ type: 'target-not-found', status: 404 });

    // A phase's target goes; the phase and the figures kept for it stay.
    expect(await requests.request(DeleteTarget, admin, { period: 'doel-weg' })).toMatchObject({ period: 'doel-weg', target: { jobs: 3 }, actual: { jobs: { value: 1, suppressed: false } } });
    expect(await periods()).not.toContain('doel-weg');
    expect((await requests.request(ListEsfPhases, admin, {})).items.map((p) => p.key)).toContain('doel-weg');
    expect(await sut.query(`SELECT 1 FROM statistic_figure WHERE hub_id = $1 AND period = 'doel-weg'`, [hubId])).toHaveLength(1);
    expect(await requests.problem(DeleteTarget, admin, { period: 'no-such-phase' })).toMatchObject({ type: 'target-not-found', status: 404 });
    expect(await requests.problem(DeleteTarget, admin, { period: 'Not A Period' })).toMatchObject({ type: 'validation-failed', status: 400 });
  });
});

describe('changing an ESF phase’s days (PUT /esf-phases/{key} again)', () => {
  it('drops the figures kept for its old days and queues a run of its years: no one reads the old figures beside the new days’ pattern', async () => {
    const queue = sut.app.get(JobQueue).queueOf(StatisticsRun);
    // Read in the service, not over NATS: choosing what city staff see of two years again after each change takes seconds at load.
    const statistics = sut.app.get(StatisticsService);
    /** Runs what is queued now, and ends the coalescing windows (the deduplication id outlives a run started early until its ttl). */
    const settle = async () => {
      for (const id of await runDelayedJobsNow(queue)) await waitForJob(queue, id);
      for (const year of [2025, 2026]) await queue.removeDeduplicationKey(`${hubId}.${year}`);
    };
    // December 2025 to April 2026: 12 jobs, 3 regular (the two of December and one of April), 4 a man's.
    const phase = { key: 'verschoven', name: 'Verschoven', from: '2025-12-01', to: '2026-04-30' };
    await settle();
    await requests.request(PutEsfPhase, admin, phase);
    await requests.request(PutTarget, admin, { period: phase.key, jobs: 20, socialJobs: 10, fte: 10, participants: 10 });
    await settle();
    const before = await requests.request(GetStatistics, admin, { period: phase.key, groupBy: 'sector' });
    expect(before.rows.map((r) => [r.group, r.jobs?.value])).toEqual([['regular', 3], ['social', 9]]);
    // The same days under another name keep the figures.
    await requests.request(PutEsfPhase, admin, { ...phase, name: 'Verschoven fase' });
    expect((await requests.request(GetStatistics, admin, { period: phase.key, groupBy: 'sector' })).computedAt).toBe(before.computedAt);

    // Moved to the first quarter of 2026, whose jobs (none) are all shown: the 3 and 9 of the old days must not be.
    await settle();
    await requests.request(PutEsfPhase, admin, { ...phase, from: '2026-01-01', to: '2026-03-31' });
    const queued = (await queue.getDelayed()).filter((j) => j.data.hubId === hubId);
    expect(queued.map((j) => j.data.year)).toEqual([2026]);
    await queued[0].changeDelay(60_000); // held while the figures are read (at load they take longer than its 5 s)
    const seen = await statistics.get(city, { period: phase.key, groupBy: 'sector' });
    expect(seen).toMatchObject({ computedAt: null, total: { jobs: { value: 0 } } });
    expect(seen.rows.map((r) => [r.group, r.jobs?.value])).toEqual([['regular', 0], ['social', 0]]);
    const target = (await sut.app.get(TargetsService).list(city)).find((t) => t.period === phase.key);
    expect(target).toMatchObject({ from: '2026-01-01', to: '2026-03-31', computedAt: null, actual: { jobs: { value: 0 }, socialJobs: { value: 0 } } });
    const exported = await statistics.export(admin, { period: phase.key, suppressed: true });
    expect(exported.computedAt).toBeNull();
    expect(exported.rows.filter((r) => r.dimension === 'gender').map((r) => r.jobs?.value)).toEqual([0, 0, 0]);

    // The run queued stores the figures of the new days.
    await settle();
    const after = await statistics.get(city, { period: phase.key, groupBy: 'sector' });
    expect(after.computedAt).not.toBeNull();
    expect(after.total.jobs).toEqual({ value: 0, suppressed: false });
  });
});

describe('reading the figures and what is hidden of them at one moment', () => {
  it('never shows a figure with the pattern chosen for the counts a run stored while it was read', async () => {
    // A hub of its own: a woman with six social jobs, a man with four regular ones (April 2026); the 4s are hidden and so are the 6s beside them.
    const other = randomUUID();
    const idea = randomUUID();
    const [adminOf, cityOf] = [(['hub_admin'] as const), (['city_staff'] as const)].map((roles): Caller => ({ personId: randomUUID(), hubId: other, hubRoles: [...roles], memberships: [] }));
    await sut.query(`INSERT INTO known_idea (id, hub_id, work_domain, stage, version) VALUES ($1, $2, 'care', 'pilot', 1)`, [idea, other]);
    const [woman, man] = [randomUUID(), randomUUID()];
    for (const [id, gender] of [[woman, 'woman'], [man, 'man']]) {
      await sut.query(
        `INSERT INTO participant (id, hub_id, organisation_id, reference_hash, gender, age_band, labour_market_status, education, disability, third_country_national, foreign_background, minority, entry_date, exit_date, enrolled_at, enrolled_by)
         VALUES ($1, $2, $3, $4, $5, '30_54', 'unemployed', 'isced_3_4', 'no', 'no', 'no', 'no', '2026-01-05', NULL, now(), $3)`,
        [id, other, randomUUID(), `hash-${id}`, gender],
      );
    }
    const place = (participantId: string, sector: string) =>
      sut.query<{ id: string }>(
        `INSERT INTO placement (id, hub_id, participant_id, idea_id, employer_organisation_id, sector, contract_type, hours_per_week, start_date, recorded_at, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'art_60', 38, '2026-04-01', now(), $5) RETURNING id`,
        [randomUUID(), other, participantId, idea, randomUUID(), sector],
      );
    for (let i = 0; i < 6; i++) await place(woman, 'social');
    for (let i = 0; i < 4; i++) await place(man, 'regular');
    const repository = sut.app.get(StatisticsRepository);
    await repository.store(other, periodsOfYear(2026), 2026);
    await sut.app.get(TargetsService).putTarget(adminOf, { period: '2026', jobs: 20, socialJobs: 10, fte: 20, participants: 4 });
    const statistics = sut.app.get(StatisticsService);
    expect((await statistics.get(cityOf, { period: '2026', groupBy: 'sector' })).rows.map((r) => r.jobs)).toEqual([{ value: null, suppressed: true }, { value: null, suppressed: true }]);

    // A run stores a fifth regular job (the man's: 5 and 6 are shown then) right after the reader has read the figures shown.
    const read = StatisticsRepository.prototype.stored;
    const spy = jest.spyOn(StatisticsRepository.prototype, 'stored');
    /** Reads with a run committing between the figures and the choice of what is hidden of them, then stores the four again. */
    const between = async <T>(reader: () => Promise<T>): Promise<T> => {
      let added: string | undefined;
      spy.mockImplementation(async function (this: StatisticsRepository, ...args) {
        const figures = await read.apply(this, args);
        if (args[0] === other && !added) {
          [{ id: added }] = await place(man, 'regular');
          await repository.store(other, periodsOfYear(2026), 2026);
        }
        return figures;
      });
      try {
        return await reader();
      } finally {
        spy.mockImplementation(read);
        expect(added).toBeDefined();
        await sut.query('DELETE FROM placement WHERE id = $1', [added]);
        await repository.store(other, periodsOfYear(2026), 2026);
      }
    };
    try {
      const bySector = await between(() => statistics.get(cityOf, { period: '2026', groupBy: 'sector' }));
      expect(bySector.rows.map((r) => [r.group, r.jobs])).toEqual([['regular', { value: null, suppressed: true }], ['social', { value: null, suppressed: true }]]);
      const exported = await between(() => statistics.export(adminOf, { period: '2026', suppressed: true }));
      expect(exported.rows.filter((r) => r.dimension === 'gender').map((r) => r.jobs?.value)).toEqual([null, null, 0]);
      const [target] = await between(() => sut.app.get(TargetsService).list(cityOf));
      expect(target.actual.socialJobs).toEqual({ value: null, suppressed: true }); // 6 of the 10 shown would give the 4 regular away
      const publicFigures = await between(() => statistics.publicFigures(other, new Date('2026-06-01T10:00:00Z')));
      expect(publicFigures.socialEconomyJobs).toEqual({ value: null, suppressed: true });
    } finally {
      spy.mockRestore();
    }
  });
});
