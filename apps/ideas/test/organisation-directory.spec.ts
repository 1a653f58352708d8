import { consumerName } from '@cirkel/messaging';
import { randomUUID } from 'node:crypto';
import { EventEnvelope, EventOf, OrganisationApproved, OrganisationRegistered, OrganisationUpdated } from '@cirkel/contracts';
import { createServiceApp } from '@cirkel/runtime';
import { DataSource } from 'typeorm';
import { differingDeliveries, eventually, handleInTransaction, publishTestEvent, ServiceUnderTest, schemaDrift, startServiceUnderTest, testEvent } from '@cirkel/testing';
import { IdeasModule } from '../src/ideas.module';
import { OrganisationDirectoryHandler } from '../src/organisations/organisation-directory.handler';

let sut: ServiceUnderTest;
const hubId = randomUUID();

beforeAll(async () => {
  sut = await startServiceUnderTest('ideas', (config) => createServiceApp(IdeasModule.forRoot(config), config));
});

afterAll(() => sut?.stop());

describe('ideas', () => {
  it('has entities that describe exactly what its migrations create', async () => {
    expect(await schemaDrift(sut.app.get(DataSource))).toEqual([]);
  });

  it('is ready when its database and NATS answer, and has made its streams and consumer', async () => {
    const ready = await sut.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().details).toMatchObject({ database: { status: 'up' }, nats: { status: 'up' } });
    const jsm = await sut.nc.jetstreamManager();
    const prefix = sut.config.nats.streamPrefix;
    expect((await jsm.streams.info(`${prefix}IDEAS`)).config.subjects).toEqual([`${sut.config.nats.subjectPrefix}ideas.>`]);
    const consumer = await jsm.consumers.info(`${prefix}PARTNERS`, consumerName('ideas', 'partners.organisation-registered'));
    expect(consumer.config).toMatchObject({ ack_policy: 'explicit', filter_subject: `${sut.config.nats.subjectPrefix}partners.organisation-registered` });
  });

  it('keeps the directory of organisations from partners events, newest fact winning', async () => {
    const organisationId = randomUUID();
    const [registered, approved, renamed] = lifeOf(organisationId);
    // Out of order: the rename (newest) arrives before the registration (oldest).
    for (const event of [renamed, registered, approved]) await publishTestEvent(sut.nc, sut.config.nats.subjectPrefix, event);

    // All three handled (the rename alone already gives the final state, so wait for the others too) …
    await eventually(async () => {
      const inbox = await sut.query<{ n: number }>("SELECT count(*)::int AS n FROM inbox WHERE consumer LIKE 'ideas_h_partners_organisation-%'");
      expect(inbox[0].n).toBe(3);
    });
    // … and the older two did not undo the newest.
    const rows = await sut.query<{ name: string; status: string; hub_id: string }>('SELECT name, status, hub_id FROM known_organisation WHERE id = $1', [organisationId]);
    expect(rows).toEqual([{ name: 'De Kringwinkel Genk', status: 'active', hub_id: hubId }]);
  });

  it('ends with the same directory whatever order (and how often) the events of an organisation arrive', async () => {
    const organisationId = randomUUID();
    const handler = sut.app.get(OrganisationDirectoryHandler);
    const apply = (event: EventEnvelope) =>
      handleInTransaction(sut.app.get(DataSource), event, (e, ctx) => {
        if (e.type === OrganisationRegistered.type) return handler.registered(e as EventOf<typeof OrganisationRegistered>, ctx);
        if (e.type === OrganisationApproved.type) return handler.approved(e as EventOf<typeof OrganisationApproved>, ctx);
        return handler.updated(e as EventOf<typeof OrganisationUpdated>, ctx);
      });
    const differing = await differingDeliveries(lifeOf(organisationId), {
      reset: async () => void (await sut.query('DELETE FROM known_organisation WHERE id = $1', [organisationId])),
      apply,
      state: () => sut.query('SELECT name, status, version FROM known_organisation WHERE id = $1', [organisationId]),
    });
    expect(differing).toEqual([]);
  });
});

/** An organisation registered, approved and renamed: versions 1, 2 and 3 of it. */
function lifeOf(organisationId: string) {
  const facts = { organisationId, type: 'social' as const, enterpriseNumber: null, workDomains: ['care' as const] };
  return [
    testEvent(OrganisationRegistered, hubId, { ...facts, name: 'Kringwinkel Genk', status: 'pending', registeredBy: { personId: randomUUID(), name: 'Jan' } }, { aggregateVersion: 1 }),
    testEvent(OrganisationApproved, hubId, { organisationId, name: 'Kringwinkel Genk', approvedBy: randomUUID() }, { aggregateVersion: 2 }),
    testEvent(OrganisationUpdated, hubId, { ...facts, name: 'De Kringwinkel Genk', status: 'active' }, { aggregateVersion: 3 }),
  ];
}
