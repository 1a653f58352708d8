import { AccessTokenService } from '@cirkel/auth';
import { Authenticate, ChangePassword, DomainError, DeactivatePerson, GetIdentityV2, IdentityView, RequestPasswordReset, ResetPassword, TokenPairView } from '@cirkel/contracts';
import { aCaller, aHubAdmin, anEmail, anIdentity, aPersonView, FakeService } from '@cirkel/testing';
import { anAddress } from './support/factories';
import { GatewayHarness, startGateway } from './support/gateway-harness';
import { expectProblem } from './support/problems';

const PASSWORD = 'correct horse battery';

/** Password change and reset, and deactivation, end logins in the gateway; partners (faked here) checks and sets the passwords and roles. */
describe('gateway: passwords and deactivation', () => {
  let gw: GatewayHarness;
  let partners: FakeService;
  const identities = new Map<string, IdentityView>();
  /** When partners changed a person's credentials (its answer to get-identity v2). */
  const credentialsChanged = new Map<string, string>();

  beforeAll(async () => {
    gw = await startGateway();
    const byId = (personId: string) => [...identities.values()].find((i) => i.caller.personId === personId)!;
    partners = new FakeService()
      .on(Authenticate, ({ data }) => identities.get((data as { email: string }).email.toLowerCase()))
      .on(GetIdentityV2, ({ data }) => {
        const { personId } = data as { personId: string };
        return { ...byId(personId), credentialsChangedAt: credentialsChanged.get(personId) ?? null };
      })
      .on(ChangePassword, ({ caller, data }) => {
        if ((data as { currentPassword: string }).currentPassword !== PASSWORD) throw new DomainError('wrong-current-password', 403, 'Wrong current password', 'The current password is not right.');
        return byId(caller!.personId);
      })
      .on(RequestPasswordReset, () => ({ status: 'reset-link-sent' }))
      .on(ResetPassword, ({ data }) => ({ personId: (data as { token: string }).token.slice(0, 36) }))
      .on(DeactivatePerson, ({ data }) => aPersonView({ id: (data as { personId: string }).personId }));
    await partners.start(gw.config, [Authenticate, GetIdentityV2, ChangePassword, RequestPasswordReset, ResetPassword, DeactivatePerson]);
  });

  afterAll(async () => {
    await partners?.stop();
    await gw?.close();
  });

  async function twoLogins(): Promise<{ identity: IdentityView; laptop: TokenPairView; phone: TokenPairView; login: () => Promise<TokenPairView> }> {
    const email = anEmail();
    const identity = anIdentity(aCaller());
    identities.set(email, identity);
    const login = async () => (await gw.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: anAddress(), payload: { email, password: PASSWORD } })).json<TokenPairView>();
    return { identity, laptop: await login(), phone: await login(), login };
  }

  const refresh = (refreshToken: string) => gw.app.inject({ method: 'POST', url: '/api/v1/auth/refresh', payload: { refreshToken } });

  it('changes the password: every other login ends, this device gets a new one', async () => {
    const { identity, laptop, phone } = await twoLogins();
    const response = await gw.app.inject({
      method: 'PUT',
      url: '/api/v1/me/password',
      headers: { authorization: `Bearer ${laptop.accessToken}` },
      payload: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const fresh = response.json<TokenPairView>();
    expect(partners.envelopesOf(ChangePassword).at(-1)).toMatchObject({ caller: { personId: identity.caller.personId }, data: { currentPassword: PASSWORD } });
    expectProblem(await refresh(phone.refreshToken), 401, 'refresh-token-invalid');
    expectProblem(await refresh(laptop.refreshToken), 401, 'refresh-token-invalid');
    expect((await refresh(fresh.refreshToken)).statusCode).toBe(200);
  });

  it('counts the failures to change a password per person: no oracle for the current password to a stolen access token', async () => {
    const { identity, laptop } = await twoLogins();
    const other = await twoLogins();
    const change = (accessToken: string, currentPassword: string, address = anAddress()) =>
      gw.app.inject({ method: 'PUT', url: '/api/v1/me/password', remoteAddress: address, headers: { authorization: `Bearer ${accessToken}` }, payload: { currentPassword, newPassword: 'a brand new passphrase' } });
    // a success gives its attempt back
    expect((await change(other.laptop.accessToken, PASSWORD)).statusCode).toBe(200);
    for (let attempt = 1; attempt <= gw.config.auth.loginMaxAttemptsPerAccount; attempt += 1) expectProblem(await change(laptop.accessToken, `guess ${attempt}`), 403, 'wrong-current-password');
    const asked = partners.envelopesOf(ChangePassword).length;
    const refused = await change(laptop.accessToken, PASSWORD);
    expectProblem(refused, 429, 'too-many-requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(partners.envelopesOf(ChangePassword)).toHaveLength(asked);
    expect(partners.envelopesOf(ChangePassword).filter((e) => e.caller?.personId === identity.caller.personId)).toHaveLength(gw.config.auth.loginMaxAttemptsPerAccount);
    // another person is not held back
    for (let attempt = 1; attempt < gw.config.auth.loginMaxAttemptsPerAccount; attempt += 1) expectProblem(await change(other.phone.accessToken, 'wrong'), 403, 'wrong-current-password');
  });

  it('needs an access token to change a password', async () => {
    expectProblem(await gw.app.inject({ method: 'PUT', url: '/api/v1/me/password', payload: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' } }), 401, 'unauthenticated');
    expect(partners.envelopesOf(ChangePassword).filter((e) => e.caller === null)).toEqual([]);
  });

  it('passes a reset request on anonymously and answers 202', async () => {
    const response = await gw.app.inject({ method: 'POST', url: '/api/v1/password-resets', payload: { email: anEmail() } });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'reset-link-sent' });
    expect(partners.envelopesOf(RequestPasswordReset).at(-1)).toMatchObject({ caller: null, hubId: null });
  });

  it('ends every login of the person whose password a reset link set', async () => {
    const { identity, laptop, phone } = await twoLogins();
    const response = await gw.app.inject({ method: 'POST', url: '/api/v1/password-resets/confirmation', payload: { token: `${identity.caller.personId}-and-the-rest`, password: 'a brand new passphrase' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ended: 2 });
    expectProblem(await refresh(laptop.refreshToken), 401, 'refresh-token-invalid');
    expectProblem(await refresh(phone.refreshToken), 401, 'refresh-token-invalid');
  });

  it("refuses to refresh a login that began before the person's credentials changed, though the gateway ended nothing (401, and the login ends)", async () => {
    // partners set the password (a reset whose answer came after the gateway's timeout, or endAll failed): no login was ended here
    const { identity, laptop, phone, login } = await twoLogins();
    expect((await refresh(phone.refreshToken)).statusCode).toBe(200);
    credentialsChanged.set(identity.caller.personId, new Date().toISOString());
    expectProblem(await refresh(laptop.refreshToken), 401, 'refresh-token-invalid');
    expect((await refresh((await login()).refreshToken)).statusCode).toBe(200); // a login begun after it
    // the refused login is ended, not only refused: were partners' record lost, it would not come back
    credentialsChanged.delete(identity.caller.personId);
    expectProblem(await refresh(laptop.refreshToken), 401, 'refresh-token-invalid');
  });

  it("ends every login of a person a hub admin deactivates; only a hub admin may", async () => {
    const { identity, laptop, phone } = await twoLogins();
    const url = `/api/v1/people/${identity.caller.personId}/deactivation`;
    const as = async (caller: ReturnType<typeof aCaller>) => ({ authorization: `Bearer ${(await gw.app.get(AccessTokenService).sign(caller)).token}` });
    expectProblem(await gw.app.inject({ method: 'POST', url, headers: await as(aCaller({ hubId: identity.caller.hubId })) }), 403, 'forbidden');
    expect((await refresh(phone.refreshToken)).statusCode).toBe(200);
    const response = await gw.app.inject({ method: 'POST', url, headers: await as(aHubAdmin(identity.caller.hubId)) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: identity.caller.personId });
    expectProblem(await refresh(laptop.refreshToken), 401, 'refresh-token-invalid');
    expect(partners.envelopesOf(DeactivatePerson)).toHaveLength(1);
  });
});
