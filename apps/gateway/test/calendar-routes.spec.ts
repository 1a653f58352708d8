import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { AccessTokenService } from '@cirkel/auth';
import { GetCalendarFeed, NotFound, RenewCalendarFeed } from '@cirkel/contracts';
import { REDIS } from '@cirkel/runtime';
import { aCaller, FakeService } from '@cirkel/testing';
import { GatewayHarness, startGateway } from './support/gateway-harness';

/** The calendar routes answer text/calendar, not JSON, and the feed needs no login (calendar clients send none). */
let gw: GatewayHarness;
let services: FakeService;
const TOKEN = 'A'.repeat(43);
const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Cirkel//coaching//NL\r\nEND:VCALENDAR\r\n';

beforeAll(async () => {
  gw = await startGateway();
  services = new FakeService().on(GetCalendarFeed, ({ data }) => {
    if ((data as { token: string }).token !== TOKEN) throw new NotFound('This calendar feed', 'calendar-feed-not-found');
    return { filename: 'cirkel-coaching.ics', ics: ICS };
  }).on(RenewCalendarFeed, () => ({ path: `/api/v1/calendar-feeds/${TOKEN}`, createdAt: new Date().toISOString() }));
  await services.start(gw.config, [GetCalendarFeed, RenewCalendarFeed]);
});

afterAll(async () => {
  await services?.stop();
  await gw?.close();
});

it('serves a feed to anyone with its token as text/calendar, and a wrong token as a 404 problem', async () => {
  const feed = await gw.app.inject({ method: 'GET', url: `/api/v1/calendar-feeds/${TOKEN}` });
  expect(feed.statusCode).toBe(200);
  expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
  expect(feed.headers['content-disposition']).toBe('inline; filename="cirkel-coaching.ics"');
  expect(feed.body).toBe(ICS);
  const unknown = await gw.app.inject({ method: 'GET', url: `/api/v1/calendar-feeds/${'B'.repeat(43)}` });
  expect(unknown.statusCode).toBe(404);
  expect(unknown.json()).toMatchObject({ type: expect.stringContaining('calendar-feed-not-found') });
  expect((await gw.app.inject({ method: 'GET', url: '/api/v1/calendar-feeds/short' })).statusCode).toBe(400);
});

it('asks for a login for a session’s file and for a new feed', async () => {
  expect((await gw.app.inject({ method: 'GET', url: '/api/v1/sessions/0193a1b2-0000-7000-8000-000000000000/calendar' })).statusCode).toBe(401);
  expect((await gw.app.inject({ method: 'POST', url: '/api/v1/me/calendar-feed' })).statusCode).toBe(401);
});

it("keeps no answer of a new feed for an Idempotency-Key: its path is the feed's secret; a repeat is a 409 and renews nothing", async () => {
  const headers = { authorization: `Bearer ${(await gw.app.get(AccessTokenService).sign(aCaller({ hubRoles: ['mentor'] }))).token}`, 'idempotency-key': randomUUID() };
  const renew = () => gw.app.inject({ method: 'POST', url: '/api/v1/me/calendar-feed', headers });
  const first = await renew();
  expect(first.statusCode).toBe(201);
  expect(first.json()).toMatchObject({ path: `/api/v1/calendar-feeds/${TOKEN}` });
  const redis = gw.app.get<Redis>(REDIS);
  const kept = await redis.keys(`${gw.config.redis.keyPrefix}idempotency:*`);
  expect(kept.length).toBeGreaterThan(0);
  for (const key of kept) expect(await redis.get(key)).not.toContain(TOKEN);
  const asked = services.envelopesOf(RenewCalendarFeed).length;
  const repeat = await renew();
  expect(repeat.statusCode).toBe(409);
  expect(repeat.json()).toMatchObject({ type: expect.stringContaining('idempotency-answer-not-kept') });
  expect(services.envelopesOf(RenewCalendarFeed)).toHaveLength(asked);
});
