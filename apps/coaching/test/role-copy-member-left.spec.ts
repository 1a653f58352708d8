import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventEnvelope, MemberJoined, MemberLeft, RolesChanged } from '@cirkel/contracts';
import { RoleCopyHandler } from '@cirkel/auth';
import { createServiceApp } from '@cirkel/runtime';
import { differingDeliveries, handleInTransaction, ServiceUnderTest, startServiceUnderTest, testEvent } from '@cirkel/testing';
import { CoachingModule } from '../src/coaching.module';

let sut: ServiceUnderTest;
const hubId = randomUUID();

beforeAll(async () => {
  sut = await startServiceUnderTest('coaching', (config) => createServiceApp(CoachingModule.forRoot(config), config));
});

afterAll(() => sut?.stop());

/** What the copy grants a person: what the role directory reads (an ended membership grants nothing). */
async function granted(personId: string): Promise<{ hubRoles: unknown[]; memberships: unknown[] }> {
  return {
    hubRoles: await sut.query('SELECT hub_roles FROM copied_hub_roles WHERE person_id = $1', [personId]),
    memberships: await sut.query('SELECT organisation_id, role FROM copied_membership WHERE person_id = $1 AND ended_at IS NULL ORDER BY organisation_id', [personId]),
  };
}

/** A person deactivated in partners (issue 7): the role copy of every service drops their memberships and hub roles at once. */
describe("the role copy: a deactivated person's roles end", () => {
  it('ends a membership on partners.member-left, whatever order the events of the person arrive in', async () => {
    const [personId, organisationId, other] = [randomUUID(), randomUUID(), randomUUID()];
    const events: EventEnvelope[] = [
      testEvent(MemberJoined, hubId, { organisationId, personId, name: 'Dirk', language: 'nl', role: 'org_admin' }, { aggregateVersion: 1 }),
      testEvent(MemberJoined, hubId, { organisationId: other, personId, name: 'Dirk', language: 'nl', role: 'member' }, { aggregateVersion: 1 }),
      testEvent(RolesChanged, hubId, { personId, name: 'Dirk', language: 'nl', hubRoles: ['mentor'] }, { aggregateVersion: 1 }),
      testEvent(RolesChanged, hubId, { personId, name: 'Dirk', language: 'nl', hubRoles: [] }, { aggregateVersion: 2 }),
      testEvent(MemberLeft, hubId, { organisationId, personId, role: 'org_admin' }, { aggregateVersion: 2 }),
      testEvent(MemberLeft, hubId, { organisationId: other, personId, role: 'member' }, { aggregateVersion: 2 }),
    ];
    const copy = sut.app.get(RoleCopyHandler);
    const differing = await differingDeliveries(events, {
      reset: async () => {
        await sut.query('DELETE FROM copied_hub_roles WHERE person_id = $1', [personId]);
        await sut.query('DELETE FROM copied_membership WHERE person_id = $1', [personId]);
      },
      apply: (event: EventEnvelope) =>
        handleInTransaction(sut.app.get(DataSource), event, (e, ctx) => {
          if (e.type === MemberJoined.type) return copy.memberJoined(e as never, ctx);
          if (e.type === MemberLeft.type) return copy.memberLeft(e as never, ctx);
          return copy.rolesChanged(e as never, ctx);
        }),
      state: () => granted(personId),
    });
    expect(differing).toEqual([]);
    expect(await granted(personId)).toEqual({ hubRoles: [{ hub_roles: [] }], memberships: [] });
  });

  it('lets a newer member-joined (a person who joins again) count after a member-left', async () => {
    const [personId, organisationId] = [randomUUID(), randomUUID()];
    const copy = sut.app.get(RoleCopyHandler);
    const apply = (event: EventEnvelope, handle: (e: never, ctx: never) => Promise<void>) => handleInTransaction(sut.app.get(DataSource), event, handle as never);
    await apply(testEvent(MemberLeft, hubId, { organisationId, personId, role: 'member' }, { aggregateVersion: 2 }), (e, ctx) => copy.memberLeft(e, ctx));
    await apply(testEvent(MemberJoined, hubId, { organisationId, personId, name: 'Dirk', language: 'nl', role: 'member' }, { aggregateVersion: 1 }), (e, ctx) => copy.memberJoined(e, ctx));
    expect((await granted(personId)).memberships).toEqual([]);
    await apply(testEvent(MemberJoined, hubId, { organisationId, personId, name: 'Dirk', language: 'nl', role: 'member' }, { aggregateVersion: 3 }), (e, ctx) => copy.memberJoined(e, ctx));
    expect((await granted(personId)).memberships).toEqual([{ organisation_id: organisationId, role: 'member' }]);
  });
});
