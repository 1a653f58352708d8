import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@cirkel/auth';
import { AnswerAssignment, AssignmentView, GetMyMentorProfile, ListMentors, ListMyAssignments, MentorView, PutMyMentorProfile } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam, ZodBody } from '../http/validated.decorators';

type Profile = z.input<typeof PutMyMentorProfile.input>;
const decisionBodySchema = AnswerAssignment.input.omit({ assignmentId: true });
type Decision = z.input<typeof decisionBodySchema>;

@ApiTags('mentors')
@ApiBearerAuth()
@Controller()
export class MentorsController {
  constructor(private readonly requests: RequestClient) {}

  @Put('mentors/me')
  @Roles('mentor')
  @ApiOperation({ summary: 'Your mentor profile: work domains, capacity (ideas at once), bio, unavailable until' })
  @ApiAnswer(PutMyMentorProfile, 'Your profile, with your load')
  @ApiProblems(400, 401, 403, 503)
  putProfile(@ZodBody(PutMyMentorProfile.input) body: Profile, @Origin() origin: RequestOrigin): Promise<MentorView> {
    return this.requests.send(PutMyMentorProfile, { ...origin, data: body });
  }

  @Get('mentors/me')
  @Roles('mentor')
  @ApiOperation({ summary: 'Your mentor profile' })
  @ApiAnswer(GetMyMentorProfile, 'Your profile, with your load')
  @ApiProblems(401, 403, 503)
  getProfile(@Origin() origin: RequestOrigin): Promise<MentorView> {
    return this.requests.send(GetMyMentorProfile, { ...origin, data: {} });
  }

  @Get('mentors')
  @Roles('hub_admin')
  @ApiOperation({ summary: "The hub's mentors with their profiles and load (hub admins)" })
  @ApiAnswer(ListMentors, 'Every mentor')
  @ApiProblems(401, 403, 503)
  list(@Origin() origin: RequestOrigin): Promise<{ items: MentorView[] }> {
    return this.requests.send(ListMentors, { ...origin, data: {} });
  }

  @Get('assignments')
  @Roles('mentor')
  @ApiOperation({ summary: 'Your assignments as a mentor: proposals to answer and the ideas you coach' })
  @ApiAnswer(ListMyAssignments, 'Your assignments, newest first')
  @ApiProblems(401, 403, 503)
  mine(@Origin() origin: RequestOrigin): Promise<{ items: AssignmentView[] }> {
    return this.requests.send(ListMyAssignments, { ...origin, data: {} });
  }

  @Post('assignments/:id/decision')
  @Idempotent()
  @HttpCode(200)
  @Roles('mentor')
  @ApiOperation({ summary: 'Accept (within your capacity) or decline a proposed idea; a declined one goes to the next mentor' })
  @ApiAnswer(AnswerAssignment, 'The assignment, answered')
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  answer(@UuidParam('id') assignmentId: string, @ZodBody(decisionBodySchema) body: Decision, @Origin() origin: RequestOrigin): Promise<AssignmentView> {
    return this.requests.send(AnswerAssignment, { ...origin, data: { assignmentId, ...body } });
  }
}
