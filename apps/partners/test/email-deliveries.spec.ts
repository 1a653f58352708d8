import { randomUUID } from 'node:crypto';
import { EmailDeliveryView, GetEmailDelivery, HubView, MarkEmailDeliverySent, RequestPasswordReset } from '@cirkel/contracts';
import { TestRequests, TestTokens } from '@cirkel/testing';
import { INVITATION_VALID_DAYS } from '../src/invitations/invitation-token';
import { LONGEST_LINK_LIFETIME_DAYS } from '../src/mail/email-deliveries';
import { REGISTRATION_VALID_HOURS } from '../src/organisations/registration.service';
import { LOGIN_UNLOCK_VALID_MINUTES } from '../src/people/login-unlock.service';
import { PASSWORD_RESET_VALID_MINUTES } from '../src/people/password.service';
import { PartnersTestApp } from './partners-test-app';

/**
 * Partners keeps an e-mailed link only until notifications sent it (`partners.mark-email-delivery-sent`),
 * and a link never sent no longer than the longest a link works: a copy of partners' schema gives no
 * link of an e-mail already sent, nor any past its lifetime.
 */
let sut: PartnersTestApp;
let requests: TestRequests;
let hub: HubView;
let notifications: { hubId: string; token: string };

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  requests = await TestRequests.connect(sut.config);
  hub = await sut.hub('post', 'Post');
  notifications = { hubId: hub.id, token: TestTokens.get().serviceToken('partners', hub.id, 'notifications') };
});

afterAll(async () => {
  await requests?.close();
  await sut?.stop();
});

let people = 0;
/** A reset link e-mailed to a new person: its delivery's id. */
async function aQueuedReset(): Promise<string> {
  const email = `person${(people += 1)}@email-deliveries.test.cirkel.example`;
  await sut.staff(hub, ['mentor'], email);
  await sut.send(RequestPasswordReset, { email });
  const [row] = await sut.query<{ id: string }>(`SELECT id FROM email_delivery WHERE kind = 'password-reset' AND to_address = $1`, [email]);
  return row.id;
}

const row = async (id: string) => (await sut.query<{ link: string | null; sent_at: Date | null }>('SELECT link, sent_at FROM email_delivery WHERE id = $1', [id]))[0];

it('forgets the link once notifications says the e-mail went; asked for it again, the delivery is gone (410)', async () => {
  const deliveryId = await aQueuedReset();
  const delivery = await requests.request(GetEmailDelivery, null, { deliveryId }, notifications);
  expect((delivery as EmailDeliveryView).link).toMatch(/\/password-reset/);

  const before = Date.now();
  const { sentAt } = await requests.request(MarkEmailDeliverySent, null, { deliveryId }, notifications);
  expect(Date.parse(sentAt)).toBeGreaterThanOrEqual(before - 1000);
  expect(await row(deliveryId)).toEqual({ link: null, sent_at: new Date(sentAt) });
  expect(await requests.problem(GetEmailDelivery, null, { deliveryId }, notifications)).toMatchObject({ status: 410, type: 'email-delivery-sent' });
  // said twice: the first time counts
  expect(await requests.request(MarkEmailDeliverySent, null, { deliveryId }, notifications)).toEqual({ deliveryId, sentAt });
  expect(await requests.problem(MarkEmailDeliverySent, null, { deliveryId: randomUUID() }, notifications)).toMatchObject({ status: 404, type: 'email-delivery-not-found' });
  // notifications' own token only: not coaching's, not a person's
  const coaching = { hubId: hub.id, token: TestTokens.get().serviceToken('partners', hub.id, 'coaching') };
  expect(await requests.problem(MarkEmailDeliverySent, null, { deliveryId }, coaching)).toMatchObject({ status: 403, type: 'forbidden' });
});

it('clears the link of an e-mail never sent once it is older than the longest a link works, and sends it no more (410)', async () => {
  const [old, recent] = [await aQueuedReset(), await aQueuedReset()];
  await sut.query(`UPDATE email_delivery SET created_at = now() - make_interval(days => $2) - interval '1 minute' WHERE id = $1`, [old, LONGEST_LINK_LIFETIME_DAYS]);
  await sut.query(`UPDATE email_delivery SET created_at = now() - make_interval(days => $2) + interval '1 hour' WHERE id = $1`, [recent, LONGEST_LINK_LIFETIME_DAYS]);
  expect((await row(old)).link).not.toBeNull();
  await aQueuedReset(); // the next e-mail queued purges
  expect(await row(old)).toEqual({ link: null, sent_at: null });
  expect((await row(recent)).link).toMatch(/\/password-reset/);
  expect(await requests.problem(GetEmailDelivery, null, { deliveryId: old }, notifications)).toMatchObject({ status: 410, type: 'email-delivery-expired' });
  await expect(requests.request(GetEmailDelivery, null, { deliveryId: recent }, notifications)).resolves.toMatchObject({ deliveryId: recent });
});

it('keeps links no longer than the longest of their lifetimes: an invitation’s', () => {
  const lifetimesMinutes = [INVITATION_VALID_DAYS * 24 * 60, REGISTRATION_VALID_HOURS * 60, PASSWORD_RESET_VALID_MINUTES, LOGIN_UNLOCK_VALID_MINUTES];
  expect(LONGEST_LINK_LIFETIME_DAYS * 24 * 60).toBe(Math.max(...lifetimesMinutes));
});
