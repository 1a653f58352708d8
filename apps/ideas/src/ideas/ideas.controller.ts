import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, CreateIdea, GetIdea, ListIdeas, RequestOf, SubmitIdea, TransitionIdea } from '@cirkel/contracts';
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
}
