import { Authenticate, ChangePassword, ConfirmRegistration, CredentialedIdentityView, GetIdentity, GetIdentityV2, HubView, IdentityView, RequestPasswordReset, ResetPassword } from '@cirkel/contracts';
import { TEST_PASSWORD } from './partners-factories';
import { PartnersTestApp } from './partners-test-app';

const NEW_PASSWORD = 'a brand new passphrase';

let sut: PartnersTestApp;
let hub: HubView;

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  hub = await sut.hub('wachtwoord', 'Wachtwoord');
});

afterAll(() => sut?.stop());

let people = 0;
async function aPerson(): Promise<{ email: string; identity: IdentityView }> {
  people += 1;
  const email = `person${people}@passwords.test.cirkel.example`;
  return { email, identity: await sut.staff(hub, ['mentor'], email) };
}

/** The token of the newest reset link e-mailed to an address. */
async function resetToken(email: string): Promise<string | null> {
  const [row] = await sut.query<{ link: string }>(`SELECT link FROM email_delivery WHERE kind = 'password-reset' AND to_address = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, [email]);
  return row ? row.link.slice(row.link.lastIndexOf('/') + 1) : null;
}

describe('passwords on the bus', () => {
  it('opens only passwords sealed to its key: one in clear is refused (400) and checks nothing', async () => {
    const { email, identity } = await aPerson();
    const clear = { unsealed: true };
    expect(await sut.problem(Authenticate, { email, password: TEST_PASSWORD }, clear)).toMatchObject({ status: 400, errors: [{ field: 'password', message: expect.stringMatching(/^not sealed/) }] });
    expect(await sut.problem(ChangePassword, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, { ...clear, caller: identity.caller })).toMatchObject({
      status: 400,
      errors: [{ field: 'currentPassword' }, { field: 'newPassword' }],
    });
    await expect(sut.login(email)).resolves.toMatchObject({ caller: { personId: identity.caller.personId } }); // sealed, as the gateway sends it
  });

  it("opens only link tokens sealed to its key: a reset link's or a registration's token in clear is refused (400)", async () => {
    const { email } = await aPerson();
    await sut.send(RequestPasswordReset, { email });
    const token = (await resetToken(email)) as string;
    const clear = { unsealed: true };
    expect(await sut.problem(ResetPassword, { token, password: NEW_PASSWORD }, clear)).toMatchObject({ status: 400, errors: [{ field: 'token', message: expect.stringMatching(/^not sealed/) }, { field: 'password' }] });
    expect(await sut.problem(ConfirmRegistration, { token: 'a'.repeat(43) }, clear)).toMatchObject({ status: 400, errors: [{ field: 'token' }] });
    await expect(sut.send(ResetPassword, { token, password: NEW_PASSWORD })).resolves.toBeDefined(); // sealed, as the gateway sends it: the link still works
  });
});

describe('change-password', () => {
  it('sets a new password when the current one is given, and answers the identity', async () => {
    const { email, identity } = await aPerson();
    const answer = await sut.send<IdentityView>(ChangePassword, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, { caller: identity.caller });
    expect(answer.caller.personId).toBe(identity.caller.personId);
    expect(await sut.problem(Authenticate, { email, password: TEST_PASSWORD })).toMatchObject({ status: 401, type: 'invalid-credentials' });
    await expect(sut.login(email, NEW_PASSWORD)).resolves.toMatchObject({ caller: { personId: identity.caller.personId } });
  });

  it('refuses a wrong current password (403) and anonymous callers (401), changing nothing', async () => {
    const { email, identity } = await aPerson();
    expect(await sut.problem(ChangePassword, { currentPassword: 'not the password', newPassword: NEW_PASSWORD }, { caller: identity.caller })).toMatchObject({ status: 403, type: 'wrong-current-password' });
    expect(await sut.problem(ChangePassword, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).toMatchObject({ status: 401 });
    await expect(sut.login(email)).resolves.toBeDefined();
  });
});

describe("when a person's credentials changed (get-identity v2, for the gateway to refuse older logins)", () => {
  const changedAt = async (identity: IdentityView) =>
    (await sut.send<CredentialedIdentityView>(GetIdentityV2, { personId: identity.caller.personId }, { hubId: hub.id })).credentialsChangedAt;

  it('is null until the password changes, then the time of the change; again with a reset link; version 1 still answers', async () => {
    const { email, identity } = await aPerson();
    expect(await changedAt(identity)).toBeNull();
    const beforeChange = Date.now();
    await sut.send(ChangePassword, { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }, { caller: identity.caller });
    const changed = Date.parse((await changedAt(identity))!);
    expect(changed).toBeGreaterThanOrEqual(beforeChange);
    expect(changed).toBeLessThanOrEqual(Date.now());

    await sut.send(RequestPasswordReset, { email });
    await sut.send(ResetPassword, { token: (await resetToken(email))!, password: 'yet another passphrase' });
    expect(Date.parse((await changedAt(identity))!)).toBeGreaterThan(changed);
    await expect(sut.send(GetIdentity, { personId: identity.caller.personId }, { hubId: hub.id })).resolves.toMatchObject({ caller: { personId: identity.caller.personId } });
  });
});

describe('password reset', () => {
  it('e-mails a link to an address with an account; the same answer, and no e-mail, for one without', async () => {
    const { email } = await aPerson();
    const deliveries = await sut.count('email_delivery');
    expect(await sut.send(RequestPasswordReset, { email: email.toUpperCase() })).toEqual({ status: 'reset-link-sent' });
    expect(await sut.send(RequestPasswordReset, { email: 'nobody@passwords.test.cirkel.example' })).toEqual({ status: 'reset-link-sent' });
    expect(await sut.count('email_delivery')).toBe(deliveries + 1);
    expect(await resetToken(email)).toEqual(expect.any(String));
    expect(await resetToken('nobody@passwords.test.cirkel.example')).toBeNull();
  });

  it("sets the new password with the link's token, once; older links of the person stop working too", async () => {
    const { email, identity } = await aPerson();
    await sut.send(RequestPasswordReset, { email });
    const older = (await resetToken(email))!;
    await sut.query(`UPDATE password_reset SET created_at = created_at - interval '6 minutes' WHERE person_id = $1`, [identity.caller.personId]);
    await sut.send(RequestPasswordReset, { email });
    const newer = (await resetToken(email))!;
    expect(newer).not.toBe(older);
    expect(await sut.send(ResetPassword, { token: newer, password: NEW_PASSWORD })).toEqual({ personId: identity.caller.personId });
    await expect(sut.login(email, NEW_PASSWORD)).resolves.toBeDefined();
    expect(await sut.problem(ResetPassword, { token: newer, password: 'yet another passphrase' })).toMatchObject({ status: 409, type: 'password-reset-used' });
    expect(await sut.problem(ResetPassword, { token: older, password: 'yet another passphrase' })).toMatchObject({ status: 409, type: 'password-reset-used' });
    expect(await sut.problem(ResetPassword, { token: 'x'.repeat(43), password: NEW_PASSWORD })).toMatchObject({ status: 404, type: 'password-reset-unknown' });
  });

  it('e-mails one link per address per five minutes, however often it is asked for: asked again within them, the newest link e-mailed is the one', async () => {
    const { email, identity } = await aPerson();
    for (let i = 0; i < 5; i += 1) expect(await sut.send(RequestPasswordReset, { email })).toEqual({ status: 'reset-link-sent' });
    expect(await sut.count('email_delivery', "kind = 'password-reset' AND to_address = $1", [email])).toBe(1);
    expect(await sut.count('password_reset', 'person_id = $1', [identity.caller.personId])).toBe(1);
    const first = (await resetToken(email))!;
    // five minutes later, a new link
    await sut.query(`UPDATE password_reset SET created_at = created_at - interval '5 minutes 1 second' WHERE person_id = $1`, [identity.caller.personId]);
    await sut.send(RequestPasswordReset, { email });
    expect(await sut.count('email_delivery', "kind = 'password-reset' AND to_address = $1", [email])).toBe(2);
    expect(await resetToken(email)).not.toBe(first);
  });

  it('refuses an expired link (410), after an hour', async () => {
    const { email } = await aPerson();
    await sut.send(RequestPasswordReset, { email });
    const token = (await resetToken(email))!;
    await sut.query(`UPDATE password_reset SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
    expect(await sut.problem(ResetPassword, { token, password: NEW_PASSWORD })).toMatchObject({ status: 410, type: 'password-reset-expired' });
    await expect(sut.login(email)).resolves.toBeDefined();
  });
});
