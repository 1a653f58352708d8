import { createServiceApp } from '@cirkel/runtime';
import { EventEnvelope, ResendUnsentEmail, SendEmail } from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';
import { eventually, publishTestEvent, ServiceUnderTest, sleep, startServiceUnderTest, TestSmtpServer } from '@cirkel/testing';
import { sendEmailJobId } from '../src/mail/email-outbox';
import { UnsentEmailSweep } from '../src/mail/unsent-email.sweep';
import { NotificationsModule } from '../src/notifications.module';
import { PartnersDeliveries } from './partners-deliveries.fixture';

/**
 * An SMTP server down for longer than all the attempts of a send job (three, doubling from 50 ms
 * here; ten from 2 s, about 17 minutes, in production): the sweep queues each message again, and
 * when the server is back every mail goes out exactly once. A message unsent past the ceiling is
 * given up on, visibly.
 */
let sut: ServiceUnderTest;
let smtp: TestSmtpServer;
const partners = new PartnersDeliveries();
const SWEEP_EVERY_MS = 700;

const queued = (who: string) => partners.confirmation(who, 'outage.test');

const publish = (event: EventEnvelope) => publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, event);
const messageOf = async (deliveryId: string) =>
  (await sut.query<{ id: string; generation: number; sent_at: Date | null; abandoned_at: Date | null; abandoned_reason: string | null }>(`SELECT id, generation, sent_at, abandoned_at, abandoned_reason FROM email_message WHERE source_id = $1`, [deliveryId]))[0];
const outcomes = async (deliveryId: string) =>
  (await sut.query<{ outcome: string }>(`SELECT a.outcome FROM email_attempt a JOIN email_message m ON m.id = a.message_id WHERE m.source_id = $1 ORDER BY a.attempt`, [deliveryId])).map((a) => a.outcome);
const received = (who: string) => smtp.to(`${who}@outage.test`);

beforeAll(async () => {
  smtp = await new TestSmtpServer().start();
  await smtp.stop(); // its port now refuses connections
  sut = await startServiceUnderTest('notifications', (config) =>
    createServiceApp(
      NotificationsModule.forRoot(config, {
        mail: { smtpUrl: smtp.url, from: 'Cirkel <no-reply@cirkel.test>' },
        unsubscribeSecret: 'a-test-secret-of-at-least-32-characters',
        delivery: { attempts: 3, retryDelayMs: 50, sweepEveryMs: SWEEP_EVERY_MS },
      }),
      config,
    ),
  );
  await partners.start(sut.config);
});

afterAll(async () => {
  await partners.stop();
  await sut?.stop();
  await smtp?.stop();
});

it('sends every mail exactly once when the SMTP server comes back after all attempts of its job ran out', async () => {
  const mails = ['a', 'b', 'c'].map(queued);
  for (const mail of mails) await publish(mail);
  const ids = mails.map((m) => m.data.deliveryId);
  const queue = sut.app.get(JobQueue).queueOf(SendEmail);
  // Every attempt of each first job failed (BullMQ keeps the failed job, under its id, for 14 days) …
  await eventually(
    async () => {
      for (const id of ids) {
        expect(await queue.getJobState(sendEmailJobId((await messageOf(id)).id, 0))).toBe('failed');
        expect((await outcomes(id)).filter((o) => o === 'failed').length).toBeGreaterThanOrEqual(3);
      }
    },
    { timeoutMs: 15_000 },
  );
  // … and the server stays down a while longer.
  await sleep(3 * SWEEP_EVERY_MS);
  await smtp.start();
  await eventually(async () => expect(smtp.received.filter((m) => m.to[0].endsWith('@outage.test'))).toHaveLength(3), { timeoutMs: 15_000 });
  await sleep(3 * SWEEP_EVERY_MS); // further sweeps find nothing to send
  for (const who of ['a', 'b', 'c']) expect(received(who)).toHaveLength(1);
  for (const id of ids) {
    const log = await outcomes(id);
    expect(log.filter((o) => o === 'sent')).toHaveLength(1);
    expect(log.at(-1)).toBe('sent');
    const message = await messageOf(id);
    expect(message.sent_at).not.toBeNull();
    expect(message.generation).toBeGreaterThanOrEqual(1);
  }
}, 60_000);

it('gives up on a message still unsent past the ceiling, says why, and does not send it later', async () => {
  const sweep = sut.app.get(UnsentEmailSweep);
  await sut.app.get(JobQueue).unschedule(ResendUnsentEmail, 'every'); // the sweep runs only when this test says
  await smtp.stop();
  const late = queued('late');
  await publish(late);
  const queue = sut.app.get(JobQueue).queueOf(SendEmail);
  await eventually(async () => expect(await queue.getJobState(sendEmailJobId((await messageOf(late.data.deliveryId)).id, 0))).toBe('failed'), { timeoutMs: 15_000 });

  expect(await sweep.sweep(new Date(Date.now() + 71 * 3600_000))).toEqual({ requeued: 1, givenUp: 0 });
  await eventually(async () => expect(await queue.getJobState(sendEmailJobId((await messageOf(late.data.deliveryId)).id, 1))).toBe('failed'), { timeoutMs: 15_000 });
  expect(await sweep.sweep(new Date(Date.now() + 73 * 3600_000))).toEqual({ requeued: 0, givenUp: 1 });

  const message = await messageOf(late.data.deliveryId);
  expect(message.abandoned_at).not.toBeNull();
  expect(message.abandoned_reason).toMatch(/not sent within 72 h/);
  expect((await outcomes(late.data.deliveryId)).at(-1)).toBe('abandoned');

  await smtp.start();
  expect(await sweep.sweep(new Date(Date.now() + 74 * 3600_000))).toEqual({ requeued: 0, givenUp: 0 });
  await sleep(500);
  expect(received('late')).toHaveLength(0);
}, 40_000);

it('looks at every unsent message in one run, batch after batch', async () => {
  const sweep = sut.app.get(UnsentEmailSweep); // unscheduled by the test before
  await smtp.stop();
  const mails = ['x', 'y', 'z'].map(queued);
  for (const mail of mails) await publish(mail);
  const queue = sut.app.get(JobQueue).queueOf(SendEmail);
  await eventually(async () => {
    for (const mail of mails) expect(await queue.getJobState(sendEmailJobId((await messageOf(mail.data.deliveryId)).id, 0))).toBe('failed');
  }, { timeoutMs: 15_000 });
  expect(await sweep.sweep(new Date(Date.now() + 60_000), 1)).toEqual({ requeued: 3, givenUp: 0 });
  await smtp.start();
  await eventually(async () => expect(['x', 'y', 'z'].map((who) => received(who).length)).toEqual([1, 1, 1]), { timeoutMs: 15_000 });
}, 40_000);
