import { randomUUID } from 'node:crypto';
import { AssignmentAccepted } from '@cirkel/contracts';
import { createServiceApp } from '@cirkel/runtime';
import { differingDeliveries, handleInTransaction, ServiceUnderTest, startServiceUnderTest, testEvent } from '@cirkel/testing';
import { DataSource } from 'typeorm';
import { MentorAcceptedHandler } from '../src/ideas/mentor-accepted.handler';
import { IdeasModule } from '../src/ideas.module';

/**
 * Issue 6, finding 2: the mentor an idea shows (coaching's assignment-accepted, versioned by the
 * idea's coaching) ends the same whatever order, and how often, the acceptances arrive.
 */
let sut: ServiceUnderTest;
const hubId = randomUUID();

beforeAll(async () => {
  sut = await startServiceUnderTest('ideas', (config) => createServiceApp(IdeasModule.forRoot(config), config));
});

afterAll(() => sut?.stop());

it("shows the newest acceptance's mentor whatever order the acceptances of an idea arrive in", async () => {
  const ideaId = randomUUID();
  await sut.query(
    `INSERT INTO idea (id, hub_id, lead_organisation_id, title, summary, work_domain, strategies, sdgs, expected_jobs_regular, expected_jobs_social, stage, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, 'Repair café Waterschei', 'Herstellen in plaats van weggooien.', 'care', '{repair}', '{}', 0, 0, 'submitted', $4, now(), now())`,
    [ideaId, hubId, randomUUID(), randomUUID()],
  );
  const accepted = (mentorName: string | undefined, version: number) =>
    testEvent(AssignmentAccepted, hubId, { assignmentId: randomUUID(), ideaId, mentorId: randomUUID(), ...(mentorName ? { mentorName } : {}) }, { aggregateVersion: version });
  // Versions of the idea's coaching with gaps (other coaching facts between), the middle one without a name.
  const events = [accepted('Wim Goossens', 2), accepted(undefined, 4), accepted('Els Peeters', 7)];
  const handler = sut.app.get(MentorAcceptedHandler);
  const dataSource = sut.app.get(DataSource);
  const mentor = () => sut.query('SELECT has_accepted_mentor, mentor_id, mentor_name, mentor_version FROM idea WHERE id = $1', [ideaId]);
  const differing = await differingDeliveries(events, {
    reset: async () => void (await sut.query('UPDATE idea SET has_accepted_mentor = false, mentor_id = NULL, mentor_name = NULL, mentor_version = 0 WHERE id = $1', [ideaId])),
    apply: (event) => handleInTransaction(dataSource, event, (e, ctx) => handler.accepted(e, ctx)),
    state: mentor,
  });
  expect(differing).toEqual([]);
  expect(await mentor()).toEqual([{ has_accepted_mentor: true, mentor_id: events[2].data.mentorId, mentor_name: 'Els Peeters', mentor_version: 7 }]);
});
