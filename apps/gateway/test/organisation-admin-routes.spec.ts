import { randomUUID } from 'node:crypto';
import { AccessTokenService } from '@cirkel/auth';
import { Caller, ListInvitations, RejectOrganisation, RequestContract, RevokeInvitation } from '@cirkel/contracts';
import { aCaller, aHub, anInvitationView, anOrganisationView, aPage, FakeService } from '@cirkel/testing';
import { GatewayHarness, startGateway } from './support/gateway-harness';
import { expectProblem } from './support/problems';

/** The routes of rejecting a registration and of an organisation's invitations, against fake services. */
describe('gateway: rejection and invitations of an organisation', () => {
  let gw: GatewayHarness;
  let services: FakeService;
  let admin: Caller;
  let orgAdmin: Caller;
  const tokens: Record<string, string> = {};
  const genk = aHub();
  const last = (contract: RequestContract) => services.envelopesOf(contract).at(-1);
  const as = (who: 'admin' | 'orgAdmin') => ({ authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    gw = await startGateway({ NATS_REQUEST_TIMEOUT_MS: '1000' });
    services = new FakeService()
      .on(RejectOrganisation, ({ data }) => anOrganisationView({ id: (data as { organisationId: string }).organisationId, status: 'rejected' }))
      .on(ListInvitations, () => aPage([anInvitationView()]))
      .on(RevokeInvitation, ({ data }) => anInvitationView({ id: (data as { invitationId: string }).invitationId, status: 'revoked', revokedAt: new Date().toISOString() }));
    await services.start(gw.config, [RejectOrganisation, ListInvitations, RevokeInvitation]);
    const signer = gw.app.get(AccessTokenService);
    admin = aCaller({ hubId: genk.id, hubRoles: ['hub_admin'], memberships: [] });
    orgAdmin = aCaller({ hubId: genk.id, memberships: [{ organisationId: randomUUID(), role: 'org_admin' }] });
    tokens.admin = (await signer.sign(admin)).token;
    tokens.orgAdmin = (await signer.sign(orgAdmin)).token;
  });

  afterAll(async () => {
    await services?.stop();
    await gw?.close();
  });

  it('rejects with POST …/rejection { reason } for a hub admin, and refuses anyone else before asking partners', async () => {
    const id = randomUUID();
    const response = await gw.app.inject({ method: 'POST', url: `/api/v1/organisations/${id}/rejection`, headers: as('admin'), payload: { reason: 'Geen circulair project.' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, status: 'rejected' });
    expect(last(RejectOrganisation)).toMatchObject({ caller: admin, data: { organisationId: id, reason: 'Geen circulair project.' } });

    const before = services.envelopesOf(RejectOrganisation).length;
    const refused = await gw.app.inject({ method: 'POST', url: `/api/v1/organisations/${id}/rejection`, headers: as('orgAdmin'), payload: { reason: 'Zelf weg.' } });
    expectProblem(refused, 403, 'forbidden');
    const noReason = await gw.app.inject({ method: 'POST', url: `/api/v1/organisations/${id}/rejection`, headers: as('admin'), payload: {} });
    expect(expectProblem(noReason, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect(services.envelopesOf(RejectOrganisation)).toHaveLength(before);
  });

  it('lists with GET …/invitations?status&limit&cursor and revokes with DELETE …/invitations/{invitationId}', async () => {
    const id = randomUUID();
    const list = await gw.app.inject({ method: 'GET', url: `/api/v1/organisations/${id}/invitations?status=pending&limit=5&cursor=abc`, headers: as('orgAdmin') });
    expect(list.statusCode).toBe(200);
    expect(last(ListInvitations)).toMatchObject({ caller: orgAdmin, data: { organisationId: id, status: 'pending', limit: '5', cursor: 'abc' } });
    expect(list.json().items[0]).not.toHaveProperty('token');

    const invitationId = randomUUID();
    const revoke = await gw.app.inject({ method: 'DELETE', url: `/api/v1/organisations/${id}/invitations/${invitationId}`, headers: as('orgAdmin') });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json()).toMatchObject({ id: invitationId, status: 'revoked' });
    expect(last(RevokeInvitation)).toMatchObject({ data: { organisationId: id, invitationId } });

    expectProblem(await gw.app.inject({ method: 'GET', url: `/api/v1/organisations/${id}/invitations?status=lost`, headers: as('orgAdmin') }), 400, 'validation-failed');
    expectProblem(await gw.app.inject({ method: 'DELETE', url: `/api/v1/organisations/${id}/invitations/not-a-uuid`, headers: as('orgAdmin') }), 400, 'validation-failed');
    expectProblem(await gw.app.inject({ method: 'GET', url: `/api/v1/organisations/${id}/invitations` }), 401, 'unauthenticated');
  });
});
