import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { multiLineText } from '../shared/text';
import { distinctOf, WORK_DOMAINS } from '../shared/vocabulary';
import { assignmentListSchema, assignmentViewSchema, mentorListSchema, mentorSuggestionListSchema, mentorViewSchema } from './coaching.views';

/** A mentor states the domains they coach in, how many ideas at once, a short bio, and until when they are away. */
export const PutMyMentorProfile = defineRequest('coaching.put-my-mentor-profile', {
  input: z.strictObject({
    workDomains: distinctOf(WORK_DOMAINS, 'work domain').min(1, 'at least one work domain'),
    capacity: z.number().int().min(0).max(20),
    bio: multiLineText({ min: 0, max: 2_000 }).default(''),
    unavailableUntil: z.iso.datetime({ offset: true }).nullable().default(null),
  }),
  answer: mentorViewSchema,
});

export const GetMyMentorProfile = defineRequest('coaching.get-my-mentor-profile', {
  input: z.strictObject({}),
  answer: mentorViewSchema,
});

/** Every mentor of the hub, with their load (hub admins). */
export const ListMentors = defineRequest('coaching.list-mentors', {
  input: z.strictObject({}),
  answer: mentorListSchema,
});

/** The caller's assignments as a mentor: proposals to answer, ideas they coach. */
export const ListMyAssignments = defineRequest('coaching.list-my-assignments', {
  input: z.strictObject({}),
  answer: assignmentListSchema,
});

/** The proposed mentor accepts (within capacity) or declines; a declined idea is proposed to the next mentor. */
export const AnswerAssignment = defineRequest('coaching.answer-assignment', {
  input: z.strictObject({ assignmentId: z.uuid(), accept: z.boolean() }),
  answer: assignmentViewSchema,
});

/** Every active mentor weighed for a submitted idea, best first, with the reasons (hub admins). */
export const ListMentorSuggestions = defineRequest('coaching.list-mentor-suggestions', {
  input: z.strictObject({ ideaId: z.uuid() }),
  answer: mentorSuggestionListSchema,
});

/**
 * A hub admin proposes a submitted idea to a mentor of their choice: an open proposal to another
 * mentor is withdrawn; the mentor answers as to any proposal (and within their capacity).
 */
export const AssignMentor = defineRequest('coaching.assign-mentor', {
  input: z.strictObject({ ideaId: z.uuid(), mentorId: z.uuid() }),
  answer: assignmentViewSchema,
});
