import { consumerName } from '@cirkel/messaging';
import { randomUUID } from 'node:crypto';
import { CharterPublished, CharterSigned, MemberJoined } from '@cirkel/contracts';
import { createServiceApp } from '@cirkel/runtime';
import { DataSource } from 'typeorm';
import { eventually, publishTestEvent, ServiceUnderTest, schemaDrift, startServiceUnderTest, testEvent } from '@cirkel/testing';
import { ReportingModule } from '../src/reporting.module';

let sut: ServiceUnderTest;
const hubId = randomUUID();

beforeAll(async () => {
  sut = await startServiceUnderTest('reporting', (config) => createServiceApp(ReportingModule.forRoot(config), config));
});

afterAll(() => sut?.stop());

describe('reporting', () => {
  it('has entities that describe exactly what its migrations create', async () => {
    expect(await schemaDrift(sut.app.get(DataSource))).toEqual([]);
  });

  it('is ready when its database, NATS and Redis answer', async () => {
    const ready = await sut.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(Object.keys(ready.json().details).sort()).toEqual(['database', 'nats', 'queue:reporting.monthly-tally-recount', 'queue:reporting.reference-rehash', 'queue:reporting.statistics-run', 'redis']);
  });

  it('counts each event of the partners stream once, on its Brussels day', async () => {
    // 23:30 UTC on 31 December is already 1 January in Brussels.
    const lateEvening = '2026-12-31T23:30:00.000Z';
    const published = testEvent(CharterPublished, hubId, { charterId: randomUUID(), version: 2 }, { occurredAt: lateEvening });
    const signed = testEvent(CharterSigned, hubId, { organisationId: randomUUID(), version: 2, signedBy: randomUUID() }, { occurredAt: lateEvening });
    const prefix = sut.config.nats.subjectPrefix;
    await publishTestEvent(sut.nc, prefix, published);
    await publishTestEvent(sut.nc, prefix, signed);
    // A type that reporting's role copy handles too: both handlers run, the count and the copy.
    const personId = randomUUID();
    const organisationId = randomUUID();
    await publishTestEvent(sut.nc, prefix, testEvent(MemberJoined, hubId, { organisationId, personId, name: 'An Verhoeven', language: 'nl', role: 'member' }, { occurredAt: lateEvening }));
    // Delivered twice (another message id, so JetStream keeps both), last.
    const duplicate = await sut.nc.jetstream().publish(`${prefix}${published.type}`, new TextEncoder().encode(JSON.stringify(published)), { msgID: randomUUID() });

    // Wait until reporting has acknowledged the duplicate itself (its consumer's ack floor has passed it), not merely the first delivery.
    const jsm = await sut.nc.jetstreamManager();
    await eventually(async () => {
      const consumer = await jsm.consumers.info(`${sut.config.nats.streamPrefix}PARTNERS`, consumerName('reporting', 'partners.>'));
      expect(consumer.ack_floor.stream_seq).toBeGreaterThanOrEqual(duplicate.seq);
    });
    expect(await sut.query(`SELECT type, to_char(day, 'YYYY-MM-DD') AS day, count FROM event_tally WHERE hub_id = $1 ORDER BY type`, [hubId])).toEqual([
      { type: 'partners.charter-published', day: '2027-01-01', count: 1 },
      { type: 'partners.charter-signed', day: '2027-01-01', count: 1 },
      { type: 'partners.member-joined', day: '2027-01-01', count: 1 },
    ]);
    expect(await sut.query(`SELECT organisation_id, role FROM copied_membership WHERE person_id = $1`, [personId])).toEqual([{ organisation_id: organisationId, role: 'member' }]);
  });
});
