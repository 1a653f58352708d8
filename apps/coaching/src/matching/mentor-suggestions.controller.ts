import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, AssignMentor, ListMentorSuggestions, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { MentorSuggestionsService } from './mentor-suggestions.service';

/** Hub admins: the mentors weighed for an idea, and a proposal by hand. */
@Controller()
export class MentorSuggestionsController {
  constructor(
    private readonly access: Access,
    private readonly suggestions: MentorSuggestionsService,
  ) {}

  @Answers(ListMentorSuggestions)
  async list(@Payload() request: RequestOf<typeof ListMentorSuggestions>): Promise<AnswerOf<typeof ListMentorSuggestions>> {
    return this.suggestions.suggestions(await this.access.requireHubRole(request, 'hub_admin'), request.data.ideaId);
  }

  @Answers(AssignMentor)
  async assign(@Payload() request: RequestOf<typeof AssignMentor>): Promise<AnswerOf<typeof AssignMentor>> {
    return this.suggestions.assign(await this.access.requireHubRole(request, 'hub_admin'), request.data, request.correlationId);
  }
}
