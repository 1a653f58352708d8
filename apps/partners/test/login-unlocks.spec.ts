import { ChangePassword, ConfirmLoginUnlock, DeactivatePerson, HubView, IdentityView, RequestLoginUnlock, RequestPasswordReset, ResetPassword } from '@cirkel/contracts';
import { TEST_PASSWORD } from './partners-factories';
import { PartnersTestApp } from './partners-test-app';

/**
 * Issue 7: the login unlock link, the way out of the device-cookie scheme for an owner on a new
 * browser while their account is locked by failures made elsewhere. Partners keeps the link's
 * SHA-256, e-mails it (email_delivery) in the person's language, and tells the gateway whose account
 * it unlocks, once.
 */
let sut: PartnersTestApp;
let hub: HubView;

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  hub = await sut.hub('ontgrendel', 'Ontgrendel');
});

afterAll(() => sut?.stop());

let people = 0;
async function aPerson(): Promise<{ email: string; identity: IdentityView }> {
  people += 1;
  const email = `person${people}@unlocks.test.cirkel.example`;
  return { email, identity: await sut.staff(hub, ['mentor'], email) };
}

/** The token of the newest unlock link e-mailed to an address, and the e-mail's row. */
async function unlockMail(email: string): Promise<{ token: string; link: string; language: string } | null> {
  const [row] = await sut.query<{ link: string; language: string }>(`SELECT link, language FROM email_delivery WHERE kind = 'login-unlock' AND to_address = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, [email]);
  return row ? { token: row.link.slice(row.link.lastIndexOf('/') + 1), link: row.link, language: row.language } : null;
}

it('e-mails an unlock link to an address with an account, in its language, keeping only its hash; the same answer and no e-mail for one without', async () => {
  const { email, identity } = await aPerson();
  const deliveries = await sut.count('email_delivery');
  expect(await sut.send(RequestLoginUnlock, { email: email.toUpperCase() })).toEqual({ status: 'unlock-link-sent' });
  expect(await sut.send(RequestLoginUnlock, { email: 'nobody@unlocks.test.cirkel.example' })).toEqual({ status: 'unlock-link-sent' });
  expect(await sut.count('email_delivery')).toBe(deliveries + 1);
  const mail = (await unlockMail(email))!;
  expect(mail.link).toBe(`${sut.config.http.publicUrl.replace(/\/+$/, '')}/login/unlock/${mail.token}`);
  expect(mail.language).toBe('nl');
  const [stored] = await sut.query<{ token_hash: string; lifetime: number }>(`SELECT token_hash, extract(epoch FROM expires_at - created_at)::int AS lifetime FROM login_unlock WHERE person_id = $1`, [identity.caller.personId]);
  expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(stored.token_hash).not.toContain(mail.token);
  expect(stored.lifetime).toBe(15 * 60);
});

it('names the account a link unlocks, once: used again 409, unknown 404, expired 410', async () => {
  const { email, identity } = await aPerson();
  await sut.send(RequestLoginUnlock, { email });
  const { token } = (await unlockMail(email))!;
  expect(await sut.send(ConfirmLoginUnlock, { token })).toEqual({ personId: identity.caller.personId, email });
  expect(await sut.problem(ConfirmLoginUnlock, { token })).toMatchObject({ status: 409, type: 'login-unlock-used' });
  expect(await sut.problem(ConfirmLoginUnlock, { token: 'x'.repeat(43) })).toMatchObject({ status: 404, type: 'login-unlock-unknown' });
  const other = await aPerson();
  await sut.send(RequestLoginUnlock, { email: other.email });
  const late = (await unlockMail(other.email))!.token;
  await sut.query(`UPDATE login_unlock SET expires_at = now() - interval '1 second' WHERE person_id = $1`, [other.identity.caller.personId]);
  expect(await sut.problem(ConfirmLoginUnlock, { token: late })).toMatchObject({ status: 410, type: 'login-unlock-expired' });
});

it('opens only a token sealed to its key: one in clear is refused (400)', async () => {
  const { email } = await aPerson();
  await sut.send(RequestLoginUnlock, { email });
  const { token } = (await unlockMail(email))!;
  expect(await sut.problem(ConfirmLoginUnlock, { token }, { unsealed: true })).toMatchObject({ status: 400, errors: [{ field: 'token', message: expect.stringMatching(/^not sealed/) }] });
  await expect(sut.send(ConfirmLoginUnlock, { token })).resolves.toBeDefined(); // sealed, as the gateway sends it
});

it('e-mails one unlock link per address per five minutes, however often it is asked for; a reset link is apart', async () => {
  const { email, identity } = await aPerson();
  for (let i = 0; i < 5; i += 1) expect(await sut.send(RequestLoginUnlock, { email })).toEqual({ status: 'unlock-link-sent' });
  expect(await sut.count('email_delivery', "kind = 'login-unlock' AND to_address = $1", [email])).toBe(1);
  expect(await sut.count('login_unlock', 'person_id = $1', [identity.caller.personId])).toBe(1);
  await sut.send(RequestPasswordReset, { email });
  expect(await sut.count('email_delivery', "kind = 'password-reset' AND to_address = $1", [email])).toBe(1);
  const first = (await unlockMail(email))!.token;
  await sut.query(`UPDATE login_unlock SET created_at = created_at - interval '5 minutes 1 second' WHERE person_id = $1`, [identity.caller.personId]);
  await sut.send(RequestLoginUnlock, { email });
  expect(await sut.count('email_delivery', "kind = 'login-unlock' AND to_address = $1", [email])).toBe(2);
  expect((await unlockMail(email))!.token).not.toBe(first);
});

describe('links sent for the old password end with it', () => {
  async function aLink(): Promise<{ email: string; identity: IdentityView; token: string }> {
    const person = await aPerson();
    await sut.send(RequestLoginUnlock, { email: person.email });
    return { ...person, token: (await unlockMail(person.email))!.token };
  }

  it('a password change', async () => {
    const { identity, token } = await aLink();
    await sut.send(ChangePassword, { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' }, { caller: identity.caller });
    expect(await sut.problem(ConfirmLoginUnlock, { token })).toMatchObject({ status: 409, type: 'login-unlock-used' });
  });

  it('a reset', async () => {
    const { email, token } = await aLink();
    await sut.send(RequestPasswordReset, { email });
    const [row] = await sut.query<{ link: string }>(`SELECT link FROM email_delivery WHERE kind = 'password-reset' AND to_address = $1`, [email]);
    await sut.send(ResetPassword, { token: row.link.slice(row.link.lastIndexOf('/') + 1), password: 'a brand new passphrase' });
    expect(await sut.problem(ConfirmLoginUnlock, { token })).toMatchObject({ status: 409, type: 'login-unlock-used' });
  });

  it('a deactivation; a deactivated person is sent no new link', async () => {
    const { email, identity, token } = await aLink();
    const admin = await sut.staff(hub, ['hub_admin']);
    await sut.send(DeactivatePerson, { personId: identity.caller.personId }, { caller: admin.caller });
    expect(await sut.problem(ConfirmLoginUnlock, { token })).toMatchObject({ status: 409, type: 'login-unlock-used' });
    await sut.query(`UPDATE login_unlock SET created_at = created_at - interval '6 minutes' WHERE person_id = $1`, [identity.caller.personId]);
    expect(await sut.send(RequestLoginUnlock, { email })).toEqual({ status: 'unlock-link-sent' });
    expect(await sut.count('login_unlock', 'person_id = $1', [identity.caller.personId])).toBe(1);
  });
});
