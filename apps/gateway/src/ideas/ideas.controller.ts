import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CreateIdea, GetIdea, IdeaSummaryView, IdeaView, ListIdeas, Page, SubmitIdea, TransitionIdea } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam, ZodBody, ZodQuery } from '../http/validated.decorators';

type NewIdea = z.input<typeof CreateIdea.input>;
type IdeasQuery = z.input<typeof ListIdeas.input>;
const transitionBodySchema = TransitionIdea.input.omit({ ideaId: true });
type TransitionBody = z.input<typeof transitionBodySchema>;

@ApiTags('ideas')
@ApiBearerAuth()
@Controller('ideas')
export class IdeasController {
  constructor(private readonly requests: RequestClient) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: "Draft an idea of the caller's organisation (leadOrganisationId when they belong to several)" })
  @ApiAnswer(CreateIdea, 'The draft, with its history', 201)
  @ApiProblems(400, 401, 403, 409, 422, 503)
  create(@ZodBody(CreateIdea.input) body: NewIdea, @Origin() origin: RequestOrigin): Promise<IdeaView> {
    return this.requests.send(CreateIdea, { ...origin, data: body });
  }

  @Get()
  @ApiOperation({ summary: 'Ideas the caller may see, newest first; filters stage, workDomain, strategy, organisation, q (Dutch full text)' })
  @ApiAnswer(ListIdeas, 'A page of ideas')
  @ApiProblems(400, 401, 503)
  list(@ZodQuery(ListIdeas.input) query: IdeasQuery, @Origin() origin: RequestOrigin): Promise<Page<IdeaSummaryView>> {
    return this.requests.send(ListIdeas, { ...origin, data: query });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One idea with its canvas and history; a draft only for its lead organisation and hub admins' })
  @ApiAnswer(GetIdea, 'The idea')
  @ApiProblems(400, 401, 404, 503)
  get(@UuidParam('id') ideaId: string, @Origin() origin: RequestOrigin): Promise<IdeaView> {
    return this.requests.send(GetIdea, { ...origin, data: { ideaId } });
  }

  @Post(':id/submission')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: "Submit a draft (its lead organisation's members): the hub sees it, mentors are told" })
  @ApiAnswer(SubmitIdea, 'The idea, submitted')
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  submit(@UuidParam('id') ideaId: string, @Origin() origin: RequestOrigin): Promise<IdeaView> {
    return this.requests.send(SubmitIdea, { ...origin, data: { ideaId } });
  }

  @Post(':id/transitions')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: 'Move an idea to another stage by the pipeline’s rules (409 naming the rule that refuses it)' })
  @ApiAnswer(TransitionIdea, 'The idea, moved')
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  transition(@UuidParam('id') ideaId: string, @ZodBody(transitionBodySchema) body: TransitionBody, @Origin() origin: RequestOrigin): Promise<IdeaView> {
    return this.requests.send(TransitionIdea, { ...origin, data: { ideaId, ...body } });
  }
}
