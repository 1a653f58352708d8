import { randomUUID } from 'node:crypto';
import { createServer, Server, Socket } from 'node:net';
import { createServiceApp } from '@cirkel/runtime';
import { EmailDeliveryView, EmailQueued, GetEmailDelivery, SendEmail } from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';
import { eventually, FakeService, freePort, publishTestEvent, ServiceUnderTest, startServiceUnderTest, testEvent } from '@cirkel/testing';
import { NotificationsModule } from '../src/notifications.module';

/**
 * The app stops at once on shutdown while its SMTP server is gone — here a server that takes the
 * connection and never greets, so each send waits for nodemailer's greeting timeout (5 s), two
 * rounds of it with four sends on a pool of two: the workers' close waited for them (10 s and more;
 * SIGTERM did not stop the app within 10 s).
 */
let sut: ServiceUnderTest | undefined;
let partners: FakeService;
let silent: Server;
const sockets: Socket[] = [];
const hubId = randomUUID();

beforeAll(async () => {
  const port = await freePort();
  silent = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', () => resolve()));
  sut = await startServiceUnderTest('notifications', (config) =>
    createServiceApp(NotificationsModule.forRoot(config, { mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Cirkel <no-reply@cirkel.test>' }, unsubscribeSecret: 'a-test-secret-of-at-least-32-characters' }), config),
  );
  partners = new FakeService().on(GetEmailDelivery, (envelope) => {
    const { deliveryId } = envelope.data as { deliveryId: string };
    return { deliveryId, kind: 'password-reset', to: `${deliveryId}@gone.test`, language: 'en', link: 'https://cirkel.example/password-reset#t' } satisfies EmailDeliveryView;
  });
  await partners.start(sut.config, [GetEmailDelivery]);
});

afterAll(async () => {
  await partners?.stop();
  await sut?.stop(); // closed already by the test unless it failed first
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => silent?.close(() => resolve()));
});

it('closes within a second or two while four e-mails wait for an SMTP server that never answers', async () => {
  const app = sut as ServiceUnderTest;
  for (let i = 0; i < 4; i++) await publishTestEvent(app.nc, app.config.nats.subjectPrefix, testEvent(EmailQueued, hubId, { deliveryId: randomUUID(), kind: 'password-reset' }));
  const queue = app.app.get(JobQueue).queueOf(SendEmail);
  await eventually(async () => expect(await queue.getActiveCount()).toBe(4));
  await eventually(() => expect(sockets.length).toBeGreaterThanOrEqual(2)); // the pool's two connections wait for a greeting

  const started = Date.now();
  await app.app.close();
  expect(Date.now() - started).toBeLessThan(2500);
}, 30_000);
