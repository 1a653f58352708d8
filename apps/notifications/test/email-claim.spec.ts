import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createServiceApp } from '@cirkel/runtime';
import { EventEnvelope } from '@cirkel/contracts';
import { eventually, publishTestEvent, ServiceUnderTest, startServiceUnderTest, TEST_DATABASE_URL, TestSmtpServer } from '@cirkel/testing';
import { EmailMessageRepository } from '../src/mail/email-message.repository';
import { EmailSender } from '../src/mail/email-sender.service';
import { NotificationsModule } from '../src/notifications.module';
import { PartnersDeliveries } from './partners-deliveries.fixture';

/**
 * A send attempt holds no transaction while it talks to the SMTP server: with a slow server, the
 * message's row is not locked and no connection waits idle in a transaction (a row lock held across
 * the conversation kept pooled connections and PostgreSQL's cleanup waiting as long as the server
 * took). Two attempts at one message at once send it once.
 */
let sut: ServiceUnderTest;
let smtp: TestSmtpServer;
let db: Client;
const partners = new PartnersDeliveries();
const queued = (who: string) => partners.confirmation(who, 'claim.test', 'nl');

const publish = (event: EventEnvelope) => publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, event);
const messageIdOf = async (deliveryId: string) => (await sut.query<{ id: string }>('SELECT id FROM email_message WHERE source_id = $1', [deliveryId]))[0]?.id;

beforeAll(async () => {
  smtp = await new TestSmtpServer().start();
  sut = await startServiceUnderTest('notifications', (config) =>
    createServiceApp(
      NotificationsModule.forRoot(config, {
        mail: { smtpUrl: smtp.url, from: 'Cirkel <no-reply@cirkel.test>' },
        unsubscribeSecret: 'a-test-secret-of-at-least-32-characters',
        delivery: { attempts: 5, retryDelayMs: 100, sweepEveryMs: 60_000 },
      }),
      config,
    ),
  );
  await partners.start(sut.config);
  db = new Client({ connectionString: TEST_DATABASE_URL });
  await db.connect();
});

afterAll(async () => {
  smtp.answerAfterMs = 0;
  await partners.stop();
  await sut?.stop();
  await smtp?.stop();
  await db?.end();
});

it('leaves the message unlocked while the SMTP server takes its time, and sends it once', async () => {
  smtp.answerAfterMs = 2_000;
  const mail = queued('slow');
  await publish(mail);
  await eventually(async () => expect(smtp.holding).toBe(1), { timeoutMs: 10_000 }); // the server has the data, and answers later
  const id = await messageIdOf(mail.data.deliveryId);
  // Another session can lock the row at once: no attempt holds it in a transaction.
  await db.query('BEGIN');
  try {
    await db.query(`SET LOCAL lock_timeout = '200ms'`);
    const locked = await db.query(`SELECT claim, claimed_until > now() AS claimed FROM "${sut.config.database.schema}".email_message WHERE id = $1 FOR UPDATE`, [id]);
    expect(locked.rows[0]).toEqual({ claim: expect.any(String), claimed: true });
  } finally {
    await db.query('ROLLBACK');
  }
  await eventually(async () => expect(smtp.to('slow@claim.test')).toHaveLength(1), { timeoutMs: 10_000 });
  // Marked once the server has answered (the mail is counted just before its answer).
  await eventually(async () => {
    const [message] = await sut.query<{ sent_at: Date | null; claim: string | null }>('SELECT sent_at, claim FROM email_message WHERE id = $1', [id]);
    expect(message.sent_at).not.toBeNull();
    expect(message.claim).toBeNull();
  });
}, 30_000);

it('sends a message once when two attempts run at once: the second finds it claimed, then sent', async () => {
  smtp.answerAfterMs = 500;
  const mail = queued('twice');
  await publish(mail);
  await eventually(async () => expect(await messageIdOf(mail.data.deliveryId)).toBeDefined());
  const id = await messageIdOf(mail.data.deliveryId);
  const sender = sut.app.get(EmailSender);
  const outcomes = await Promise.allSettled([sender.send(id), sender.send(id), sender.send(id)]);
  const answers = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message));
  // The job queued on the event is a fourth attempt: whichever claimed first sent it.
  expect(answers.filter((a) => a === 'sent').length).toBeLessThanOrEqual(1);
  for (const a of answers) expect(a).toMatch(/^sent$|^already-sent$|being sent by another attempt/);
  await eventually(async () => expect(smtp.to('twice@claim.test')).toHaveLength(1), { timeoutMs: 10_000 });
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the job's retries (every 100 ms, doubling) find it sent
  expect(smtp.to('twice@claim.test')).toHaveLength(1);
}, 30_000);

it('logs every attempt at one message, numbered in turn, when attempts end at once (none lost to the (message, attempt) key)', async () => {
  const mail = queued('logged');
  await publish(mail);
  await eventually(async () => expect(smtp.to('logged@claim.test')).toHaveLength(1), { timeoutMs: 10_000 });
  const id = await messageIdOf(mail.data.deliveryId);
  // The sent attempt is logged once the server has answered, with the mark.
  await eventually(async () => expect(await sut.query('SELECT 1 FROM email_message WHERE id = $1 AND sent_at IS NOT NULL', [id])).toHaveLength(1));
  const before = (await sut.query('SELECT 1 FROM email_attempt WHERE message_id = $1', [id])).length;
  const repository = sut.app.get(EmailMessageRepository);
  const dataSource = sut.app.get(DataSource);
  // Eight attempts' failures logged on their own, and four inside transactions of their own (as a sent or abandoned attempt logs), all at once.
  const outcomes = await Promise.allSettled([
    ...Array.from({ length: 8 }, (_, i) => repository.logAttempt(null, id, 'failed', `failure ${i}`)),
    ...Array.from({ length: 4 }, (_, i) => dataSource.transaction((manager) => repository.logAttempt(manager, id, 'failed', `in a transaction ${i}`))),
  ]);
  expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
  const attempts = await sut.query<{ attempt: number }>('SELECT attempt FROM email_attempt WHERE message_id = $1 ORDER BY attempt', [id]);
  expect(attempts.map((a) => a.attempt)).toEqual(Array.from({ length: before + 12 }, (_, i) => i + 1));
}, 30_000);
