import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, CreateIdea, DecideCollaboration, GetIdea, ListIdeas, PutCanvas, RequestCollaboration, RequestOf, SubmitIdea, TransitionIdea, UpdateIdea } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { IdeaService } from './idea.service';

@Controller()
export class IdeasController {
  constructor(
    private readonly access: Access,
    private readonly ideas: IdeaService,
  ) {}

  @Answers(CreateIdea)
  async create(@Payload() request: RequestOf<typeof CreateIdea>): Promise<AnswerOf<typeof CreateIdea>> {
    return this.ideas.create(await this.access.requireCaller(request), request.data);
  }

  @Answers(GetIdea)
  async get(@Payload() request: RequestOf<typeof GetIdea>): Promise<AnswerOf<typeof GetIdea>> {
    return this.ideas.get(await this.access.requireCaller(request), request.data.ideaId);
  }

  @Answers(ListIdeas)
  async list(@Payload() request: RequestOf<typeof ListIdeas>): Promise<AnswerOf<typeof ListIdeas>> {
    return this.ideas.list(await this.access.requireCaller(request), request.data);
  }

  @Answers(SubmitIdea)
  async submit(@Payload() request: RequestOf<typeof SubmitIdea>): Promise<AnswerOf<typeof SubmitIdea>> {
    return this.ideas.transition(await this.access.requireCaller(request), { ideaId: request.data.ideaId, to: 'submitted' }, request.correlationId);
  }

  @Answers(TransitionIdea)
  async transition(@Payload() request: RequestOf<typeof TransitionIdea>): Promise<AnswerOf<typeof TransitionIdea>> {
    return this.ideas.transition(await this.access.requireCaller(request), request.data, request.correlationId);
  }

  @Answers(UpdateIdea)
  async update(@Payload() request: RequestOf<typeof UpdateIdea>): Promise<AnswerOf<typeof UpdateIdea>> {
    return this.ideas.update(await this.access.requireCaller(request), request.data);
  }

  @Answers(PutCanvas)
  async putCanvas(@Payload() request: RequestOf<typeof PutCanvas>): Promise<AnswerOf<typeof PutCanvas>> {
    return this.ideas.putCanvas(await this.access.requireCaller(request), request.data);
  }

  @Answers(RequestCollaboration)
  async requestCollaboration(@Payload() request: RequestOf<typeof RequestCollaboration>): Promise<AnswerOf<typeof RequestCollaboration>> {
    return this.ideas.requestCollaboration(await this.access.requireCaller(request), request.data);
  }

  @Answers(DecideCollaboration)
  async decideCollaboration(@Payload() request: RequestOf<typeof DecideCollaboration>): Promise<AnswerOf<typeof DecideCollaboration>> {
    return this.ideas.decideCollaboration(await this.access.requireCaller(request), request.data, request.correlationId);
  }
}
