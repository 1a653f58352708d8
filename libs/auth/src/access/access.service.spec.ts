import { randomUUID } from 'node:crypto';
import { Caller, DomainError } from '@cirkel/contracts';
import { Access } from './access.service';
import { HeldRoles, RoleDirectory } from './role-directory';

class Directory extends RoleDirectory {
  readonly held = new Map<string, HeldRoles>();

  async rolesOf(_hubId: string, personId: string): Promise<HeldRoles | null> {
    return this.held.get(personId) ?? null;
  }
}

const hubId = randomUUID();
const organisationId = randomUUID();
const tokenSays: Caller = { personId: randomUUID(), hubId, hubRoles: ['hub_admin'], memberships: [{ organisationId, role: 'org_admin' }] };

async function problemOf(work: Promise<unknown>): Promise<{ status: number; type: string }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a domain error, got ${String(error)}`);
  return { status: error.status, type: error.type };
}

describe('Access', () => {
  const directory = new Directory();
  const access = new Access(directory);
  const request = (caller: Caller | null, hub: string | null = caller?.hubId ?? null) => ({ caller, hubId: hub });

  beforeEach(() => directory.held.set(tokenSays.personId, { hubRoles: ['city_staff'], memberships: [{ organisationId, role: 'member' }] }));

  it('answers the caller with the roles the directory holds now, not those of the token', async () => {
    expect(await access.requireCaller(request(tokenSays))).toEqual({ ...tokenSays, hubRoles: ['city_staff'], memberships: [{ organisationId, role: 'member' }] });
  });

  it('refuses an anonymous request, a person who no longer exists, and a request about another hub', async () => {
    expect(await problemOf(access.requireCaller(request(null)))).toEqual({ status: 401, type: 'unauthenticated' });
    expect(await problemOf(access.requireCaller(request({ ...tokenSays, personId: randomUUID() })))).toEqual({ status: 401, type: 'unauthenticated' });
    expect(await problemOf(access.requireCaller(request(tokenSays, randomUUID())))).toEqual({ status: 403, type: 'forbidden' });
  });

  it('requires a hub role held now', async () => {
    expect(await problemOf(access.requireHubRole(request(tokenSays), 'hub_admin'))).toEqual({ status: 403, type: 'forbidden' });
    await expect(access.requireHubRole(request(tokenSays), 'hub_admin', 'city_staff')).resolves.toMatchObject({ hubRoles: ['city_staff'] });
  });

  it('requires a membership held now, with the role when one is named', async () => {
    await expect(access.requireMembership(request(tokenSays), organisationId)).resolves.toMatchObject({ personId: tokenSays.personId });
    expect(await problemOf(access.requireMembership(request(tokenSays), organisationId, 'org_admin'))).toEqual({ status: 403, type: 'forbidden' });
    expect(await problemOf(access.requireMembership(request(tokenSays), randomUUID()))).toEqual({ status: 403, type: 'forbidden' });
  });
});
