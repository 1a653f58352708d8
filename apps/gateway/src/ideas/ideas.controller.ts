import { Controller, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CollaborationView, CreateIdea, DecideCollaboration, GetIdea, IdeaSummaryView, IdeaView, ListIdeas, Page, PutCanvas, RequestCollaboration, SubmitIdea, TransitionIdea, UpdateIdea } from '@cirkel/contracts';
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
const changesSchema = UpdateIdea.input.shape.changes;
type IdeaChanges = z.input<typeof changesSchema>;
const canvasBodySchema = PutCanvas.input.shape.canvas;
type CanvasBody = z.input<typeof canvasBodySchema>;
const collaborationBodySchema = RequestCollaboration.input.omit({ ideaId: true });
type CollaborationBody = z.input<typeof collaborationBodySchema>;
const decisionBodySchema = DecideCollaboration.input.omit({ ideaId: true, requestId: true });
type DecisionBody = z.input<typeof decisionBodySchema>;

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

  @Patch(':id')
  @ApiOperation({ summary: "Change an idea's description (its lead organisation's members, hub admins), until launched or withdrawn" })
  @ApiAnswer(UpdateIdea, 'The idea, changed')
  @ApiProblems(400, 401, 403, 404, 409, 503)
  update(@UuidParam('id') ideaId: string, @ZodBody(changesSchema) changes: IdeaChanges, @Origin() origin: RequestOrigin): Promise<IdeaView> {
    return this.requests.send(UpdateIdea, { ...origin, data: { ideaId, changes } });
  }

  @Put(':id/canvas')
  @ApiOperation({ summary: 'Replace the business model canvas (the lead organisation, its collaborators, hub admins)' })
  @ApiAnswer(PutCanvas, 'The idea, with its canvas')
  @ApiProblems(400, 401, 403, 404, 409, 503)
  putCanvas(@UuidParam('id') ideaId: string, @ZodBody(canvasBodySchema) canvas: CanvasBody, @Origin() origin: RequestOrigin): Promise<IdeaView> {
    return this.requests.send(PutCanvas, { ...origin, data: { ideaId, canvas } });
  }

  @Post(':id/collaboration-requests')
  @Idempotent()
  @ApiOperation({ summary: "Ask to work on a submitted idea, for the caller's organisation (organisationId when they belong to several)" })
  @ApiAnswer(RequestCollaboration, 'The request, waiting for the lead organisation', 201)
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  requestCollaboration(@UuidParam('id') ideaId: string, @ZodBody(collaborationBodySchema) body: CollaborationBody, @Origin() origin: RequestOrigin): Promise<CollaborationView> {
    return this.requests.send(RequestCollaboration, { ...origin, data: { ideaId, ...body } });
  }

  @Post(':id/collaboration-requests/:requestId/decision')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: "Accept or decline a collaboration request (the lead organisation's members)" })
  @ApiAnswer(DecideCollaboration, 'The request, answered')
  @ApiProblems(400, 401, 403, 404, 409, 422, 503)
  decideCollaboration(
    @UuidParam('id') ideaId: string,
    @UuidParam('requestId') requestId: string,
    @ZodBody(decisionBodySchema) body: DecisionBody,
    @Origin() origin: RequestOrigin,
  ): Promise<CollaborationView> {
    return this.requests.send(DecideCollaboration, { ...origin, data: { ideaId, requestId, ...body } });
  }
}
