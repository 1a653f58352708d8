import { randomUUID } from 'node:crypto';
import { Caller, ReferenceRehash } from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';
import { createServiceApp } from '@cirkel/runtime';
import { ServiceUnderTest, startServiceUnderTest, waitForJob } from '@cirkel/testing';
import { ParticipantService } from '../src/participants/participant.service';
import { referenceHash, referenceHashes } from '../src/participants/reference-hash';
import { REHASH_BATCH } from '../src/participants/reference-rehash.job';
import { ReportingModule } from '../src/reporting.module';

/**
 * A rotation of the reference key: the app restarted with a new REPORTING_REFERENCE_KEY and the
 * old one in REPORTING_REFERENCE_PREVIOUS_KEYS still finds every participant by the job coach's
 * reference, queues the rehash of the older hashes, reports its progress, and leaves no hash of
 * the old key behind.
 */
const OLD_KEY = 'o'.repeat(40);
const NEW_KEY = 'n'.repeat(40);
let keys = [OLD_KEY];
let sut: ServiceUnderTest;
const [hubId, otherHubId, organisationId] = [randomUUID(), randomUUID(), randomUUID()];
const coach = (hub: string): Caller => ({ personId: randomUUID(), hubId: hub, hubRoles: ['job_coach'], memberships: [{ organisationId, role: 'member' }] });
const enrolment = (reference: string) => ({
  reference,
  gender: 'woman' as const,
  ageBand: '18_29' as const,
  labourMarketStatus: 'unemployed' as const,
  education: 'isced_3_4' as const,
  disability: 'no' as const,
  thirdCountNational: 'no' as const,
  foreignBackground: 'declined' as const,
  minority: 'declined' as const,
  entryDate: '2026-03-02',
});
const participants = () => sut.app.get(ParticipantService);
const rows = () => sut.query<{ id: string; hub_id: string; reference_hash: string; reference_key_version: number }>('SELECT id, hub_id, reference_hash, reference_key_version FROM participant ORDER BY id');

beforeAll(async () => {
  sut = await startServiceUnderTest('reporting', (config) => {
    const rotated = { ...config, reporting: { referenceKey: keys[keys.length - 1], referenceKeys: [...keys] } };
    return createServiceApp(ReportingModule.forRoot(rotated), rotated);
  });
});

afterAll(() => sut?.stop());

it('finds every participant again after the key is rotated, rehashes the old hashes as a job with progress, and keeps hubs apart', async () => {
  const first = await participants().enrol(coach(hubId), enrolment('AB-12'), 'rotation');
  const elsewhere = await participants().enrol(coach(otherHubId), enrolment('AB-12'), 'rotation');
  // More than a batch, so the job reports progress between batches: written as the service writes them, hashed with the old key.
  const bulk = Array.from({ length: REHASH_BATCH + 20 }, (_, i) => referenceHash(OLD_KEY, hubId, `BULK-${i}`));
  await sut.query(
    `INSERT INTO participant (id, hub_id, organisation_id, reference_hash, gender, age_band, labour_market_status, education, disability, third_country_national, foreign_background, minority, entry_date, enrolled_at, enrolled_by)
     SELECT gen_random_uuid(), $1, $2, h, 'man', '30_54', 'inactive', 'isced_0_2', 'no', 'no', 'no', 'no', '2026-03-02', now(), $2 FROM unnest($3::text[]) AS h`,
    [hubId, organisationId, bulk],
  );
  const before = await rows();
  expect(before.find((r) => r.id === first.id)).toMatchObject({ reference_key_version: 1, reference_hash: referenceHash(OLD_KEY, hubId, 'AB-12') });

  // Rotate: the new key, the old one kept as previous. Found by the reference before the rehash has run (a participant of version 1 is looked up by its old hash).
  keys = [OLD_KEY, NEW_KEY];
  await sut.app.get(JobQueue).queueOf(ReferenceRehash).pause();
  await sut.restart();
  expect(await participants().isEnrolled(hubId, ' ab-12 ')).toBe(true);
  await expect(participants().enrol(coach(hubId), enrolment('ab-12'), 'rotation')).rejects.toMatchObject({ status: 409 });

  const queue = sut.app.get(JobQueue).queueOf(ReferenceRehash);
  await queue.resume();
  const { state, job } = await waitForJob(queue, 'rehash-to-version-2', { timeoutMs: 60_000 });
  expect(state).toBe('completed');
  expect(job.returnvalue).toEqual({ toVersion: 2, rehashed: REHASH_BATCH + 22 });
  expect(job.progress).toEqual({ rehashed: REHASH_BATCH + 22, remaining: 0 });

  const after = await rows();
  expect(after.every((r) => r.reference_key_version === 2)).toBe(true);
  // No hash of the old key is left: each is the old one hashed on with the new key.
  for (const row of before) expect(after.find((r) => r.id === row.id)?.reference_hash).not.toBe(row.reference_hash);
  expect(after.find((r) => r.id === first.id)?.reference_hash).toBe(referenceHashes([OLD_KEY, NEW_KEY], hubId, 'AB-12')[1]);
  // The same participant found again after the rehash, the same reference in another hub another one; a new enrolment is of version 2.
  expect(await participants().isEnrolled(hubId, 'AB-12')).toBe(true);
  expect(after.find((r) => r.id === elsewhere.id)?.reference_hash).not.toBe(after.find((r) => r.id === first.id)?.reference_hash);
  await expect(participants().enrol(coach(hubId), enrolment('AB-12'), 'rotation')).rejects.toMatchObject({ status: 409 });
  const fresh = await participants().enrol(coach(hubId), enrolment('CD-34'), 'rotation');
  expect((await rows()).find((r) => r.id === fresh.id)).toMatchObject({ reference_key_version: 2, reference_hash: referenceHashes([OLD_KEY, NEW_KEY], hubId, 'CD-34')[1] });

  // Without the old key (only the new one), as a rotation without REPORTING_REFERENCE_PREVIOUS_KEYS would be: the reference is lost.
  keys = [NEW_KEY];
  await sut.restart();
  expect(await participants().isEnrolled(hubId, 'AB-12')).toBe(false);
}, 120_000);
