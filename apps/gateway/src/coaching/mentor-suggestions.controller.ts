import { Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@cirkel/auth';
import { AssignMentor, AssignmentView, ListMentorSuggestions, MentorSuggestion } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam, ZodBody } from '../http/validated.decorators';

const assignBodySchema = AssignMentor.input.omit({ ideaId: true });
type AssignBody = z.input<typeof assignBodySchema>;

/** Hub admins: the mentors weighed for an idea by matching, and a proposal to a mentor of their choice. */
@ApiTags('mentors')
@ApiBearerAuth()
@Controller('ideas')
export class MentorSuggestionsController {
  constructor(private readonly requests: RequestClient) {}

  @Get(':id/mentor-suggestions')
  @Roles('hub_admin')
  @ApiOperation({ summary: 'Every active mentor weighed for a submitted idea, best first, with the reasons: work domain, free places, load, availability (hub admins)' })
  @ApiAnswer(ListMentorSuggestions, 'The mentors, best first')
  @ApiProblems(400, 401, 403, 404, 503)
  suggestions(@UuidParam('id') ideaId: string, @Origin() origin: RequestOrigin): Promise<{ ideaId: string; items: MentorSuggestion[] }> {
    return this.requests.send(ListMentorSuggestions, { ...origin, data: { ideaId } });
  }

  @Post(':id/assignments')
  @Idempotent()
  @Roles('hub_admin')
  @ApiOperation({ summary: 'Propose a submitted idea to a mentor by hand (hub admins); an open proposal to another mentor is withdrawn' })
  @ApiAnswer(AssignMentor, 'The proposal', 201)
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  assign(@UuidParam('id') ideaId: string, @ZodBody(assignBodySchema) body: AssignBody, @Origin() origin: RequestOrigin): Promise<AssignmentView> {
    return this.requests.send(AssignMentor, { ...origin, data: { ideaId, ...body } });
  }
}
