import { randomUUID } from 'node:crypto';
import { MonthlyTallyRecount } from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';
import { createServiceApp } from '@cirkel/runtime';
import { runDelayedJobsNow, ServiceUnderTest, startServiceUnderTest, waitForJob } from '@cirkel/testing';
import { ReportingModule } from '../src/reporting.module';
import { monthOfDayBefore } from '../src/monthly-tally/month-of';
import { MonthlyTallyService } from '../src/monthly-tally/monthly-tally.service';

let sut: ServiceUnderTest;
const hubId = randomUUID();

beforeAll(async () => {
  sut = await startServiceUnderTest('reporting', (config) => createServiceApp(ReportingModule.forRoot(config), config));
});

afterAll(() => sut?.stop());

async function tallyDays(rows: [type: string, day: string, count: number][]): Promise<void> {
  for (const [type, day, count] of rows) {
    await sut.query('INSERT INTO event_tally (hub_id, type, day, count) VALUES ($1, $2, $3, $4)', [hubId, type, day, count]);
  }
}

function monthlyTally(month: string) {
  return sut.query(`SELECT type, count FROM monthly_tally WHERE hub_id = $1 AND month = $2::date ORDER BY type`, [hubId, `${month}-01`]);
}

describe('reporting: monthly tally', () => {
  it('recounts a month on demand from its days, again and again with the same result', async () => {
    await tallyDays([
      ['partners.charter-signed', '2026-11-30', 4], // another month
      ['partners.charter-signed', '2026-12-01', 2],
      ['partners.charter-signed', '2026-12-31', 3],
      ['partners.organisation-registered', '2026-12-15', 1],
      ['partners.charter-signed', '2027-01-01', 5], // another month
    ]);
    const queue = sut.app.get(JobQueue).queueOf(MonthlyTallyRecount);

    const first = await sut.app.get(MonthlyTallyService).recount('2026-12');
    expect(await waitForJob(queue, first.id!)).toMatchObject({ state: 'completed', job: { returnvalue: { month: '2026-12', rows: 2 } } });
    const expected = [
      { type: 'partners.charter-signed', count: 5 },
      { type: 'partners.organisation-registered', count: 1 },
    ];
    expect(await monthlyTally('2026-12')).toEqual(expected);

    await sut.query(`UPDATE event_tally SET count = 4 WHERE hub_id = $1 AND day = '2026-12-31'`, [hubId]);
    const second = await sut.app.get(MonthlyTallyService).recount('2026-12');
    expect((await waitForJob(queue, second.id!)).state).toBe('completed');
    expect(await monthlyTally('2026-12')).toEqual([{ type: 'partners.charter-signed', count: 6 }, expected[1]]);
  });

  it('refuses a month that is not one', async () => {
    await expect(sut.app.get(MonthlyTallyService).recount('2026-13')).rejects.toMatchObject({ type: 'validation-failed' });
  });

  it('schedules one nightly recount at 02:00 in Brussels, which recounts the month of the day just ended', async () => {
    const queue = sut.app.get(JobQueue).queueOf(MonthlyTallyRecount);
    expect((await queue.getJobSchedulers()).map((s) => [s.key, s.pattern, s.tz])).toEqual([['reporting.monthly-tally-recount.nightly', '0 2 * * *', 'Europe/Brussels']]);
    const [next] = await queue.getDelayed();
    const due = new Date(next.timestamp + next.delay);
    const month = monthOfDayBefore(due);
    await tallyDays([['partners.hub-created', `${month}-01`, 7]]);

    expect(await runDelayedJobsNow(queue)).toEqual([next.id]);
    expect(await waitForJob(queue, next.id!)).toMatchObject({ state: 'completed', job: { returnvalue: { month } } });
    expect(await monthlyTally(month)).toContainEqual({ type: 'partners.hub-created', count: 7 });
  });

  it('is ready only when its queue\'s Redis connection answers too', async () => {
    const ready = await sut.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().details['queue:reporting.monthly-tally-recount']).toEqual({ status: 'up' });
  });
});
