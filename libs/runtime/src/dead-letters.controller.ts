import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, ListDeadLetters, ReplayDeadLetter, RequestOf } from '@cirkel/contracts';
import { Answers, DeadLetterService } from '@cirkel/messaging';

/** Every service answers these for its own dead letters (`~.` is the service's own name). Hub admins only, by the roles they hold now. */
@Controller()
export class DeadLettersController {
  constructor(
    private readonly access: Access,
    private readonly deadLetters: DeadLetterService,
  ) {}

  @Answers(ListDeadLetters)
  async list(@Payload() request: RequestOf<typeof ListDeadLetters>): Promise<AnswerOf<typeof ListDeadLetters>> {
    const admin = await this.access.requireHubRole(request, 'hub_admin');
    return this.deadLetters.list(admin.hubId, request.data);
  }

  @Answers(ReplayDeadLetter)
  async replay(@Payload() request: RequestOf<typeof ReplayDeadLetter>): Promise<AnswerOf<typeof ReplayDeadLetter>> {
    const admin = await this.access.requireHubRole(request, 'hub_admin');
    return this.deadLetters.replay(admin.hubId, request.data.deadLetterId);
  }
}
