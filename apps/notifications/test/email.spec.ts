import { randomUUID } from 'node:crypto';
import { createServiceApp } from '@cirkel/runtime';
import { EmailDeliveryView, EventEnvelope } from '@cirkel/contracts';
import { eventually, publishTestEvent, ServiceUnderTest, sleep, startServiceUnderTest, TestSmtpServer } from '@cirkel/testing';
import { NotificationsModule } from '../src/notifications.module';
import { PartnersDeliveries } from './partners-deliveries.fixture';

/** E-mail through a real SMTP server (smtp-server, in the test's process), partners' e-mails first. */
let sut: ServiceUnderTest;
let smtp: TestSmtpServer;
const partners = new PartnersDeliveries();
const queued = (delivery: EmailDeliveryView) => partners.queued(delivery);

const publish = (event: EventEnvelope, msgID?: string) => publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, event, msgID);
const attempts = (deliveryId: string) =>
  sut.query<{ outcome: string }>(`SELECT a.outcome FROM email_attempt a JOIN email_message m ON m.id = a.message_id WHERE m.source_id = $1 ORDER BY a.attempt`, [deliveryId]);

beforeAll(async () => {
  smtp = await new TestSmtpServer().start();
  sut = await startServiceUnderTest('notifications', (config) =>
    createServiceApp(NotificationsModule.forRoot(config, { mail: { smtpUrl: smtp.url, from: 'Cirkel <no-reply@cirkel.test>' }, unsubscribeSecret: 'a-test-secret-of-at-least-32-characters' }), config),
  );
  await partners.start(sut.config);
});

afterAll(async () => {
  await partners.stop();
  await sut?.stop();
  await smtp?.stop();
});

it('sends a password-reset link once, in the reader’s language, as HTML and plain text, however often the event arrives', async () => {
  const reset = queued({ deliveryId: randomUUID(), kind: 'password-reset', to: 'sofie@cirkel.test', language: 'nl', link: 'https://cirkel.example/password-reset#token=abc123' });
  await publish(reset);
  await publish(reset, randomUUID()); // the same event again, past the stream's duplicate window
  await publish(reset);
  await eventually(async () => expect(smtp.to('sofie@cirkel.test')).toHaveLength(1));
  const [mail] = smtp.to('sofie@cirkel.test');
  expect(mail.header('Subject')).toBe('Een nieuw wachtwoord voor Cirkel');
  expect(mail.header('From')).toBe('Cirkel <no-reply@cirkel.test>');
  expect(mail.header('Content-Type')).toMatch(/^multipart\/alternative/);
  expect(mail.decoded).toContain('Content-Type: text/plain');
  expect(mail.decoded).toContain('Content-Type: text/html');
  expect(mail.decoded).toContain('href="https://cirkel.example/password-reset#token=abc123"');
  expect(mail.decoded).toContain('Je vroeg een nieuw wachtwoord aan');
  expect(mail.header('List-Unsubscribe')).toBeUndefined(); // an account's e-mail cannot be switched off

  const english = queued({ deliveryId: randomUUID(), kind: 'invitation', to: 'tom@cirkel.test', language: 'en', link: 'https://cirkel.example/invitations/xyz' });
  await publish(english);
  await eventually(async () => expect(smtp.to('tom@cirkel.test')).toHaveLength(1));
  expect(smtp.to('tom@cirkel.test')[0].header('Subject')).toBe('You are invited to Cirkel');

  await sleep(1000);
  expect(smtp.to('sofie@cirkel.test')).toHaveLength(1);
  expect(await attempts(reset.data.deliveryId)).toEqual([{ outcome: 'sent' }]);
  // partners is told each went, once, so it forgets their links
  expect(partners.saidSent().filter((id) => id === reset.data.deliveryId)).toHaveLength(1);
  expect(partners.saidSent()).toContain(english.data.deliveryId);
});

it('delays mail while the SMTP server is down and sends each exactly once when it is back', async () => {
  await smtp.stop();
  const mails = ['a', 'b', 'c'].map((who) => partners.confirmation(who, 'down.test'));
  for (const mail of mails) await publish(mail);
  await eventually(async () => expect((await attempts(mails[2].data.deliveryId)).map((a) => a.outcome)).toContain('failed'));
  expect(smtp.received.filter((m) => m.to[0].endsWith('@down.test'))).toHaveLength(0);

  await smtp.start();
  await eventually(async () => expect(smtp.received.filter((m) => m.to[0].endsWith('@down.test'))).toHaveLength(3), { timeoutMs: 30_000 });
  await sleep(1500);
  for (const who of ['a', 'b', 'c']) expect(smtp.to(`${who}@down.test`)).toHaveLength(1);
  const log = await attempts(mails[0].data.deliveryId);
  expect(log.at(-1)).toEqual({ outcome: 'sent' });
  expect(log.filter((a) => a.outcome === 'sent')).toHaveLength(1);
  expect(log.length).toBeGreaterThan(1);
}, 45_000);
