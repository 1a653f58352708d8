import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AnswerOf, Caller, Forbidden, ListDeadLetters, ReplayDeadLetter, RequestOf, Unauthenticated } from '@cirkel/contracts';
import { Answers } from '../answers.decorator';
import { DeadLetterService } from './dead-letter.service';

/** Every service answers these for its own dead letters (`~.` is the service's own name). Hub admins only. */
@Controller()
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterService) {}

  @Answers(ListDeadLetters)
  list(@Payload() request: RequestOf<typeof ListDeadLetters>): Promise<AnswerOf<typeof ListDeadLetters>> {
    return this.deadLetters.list(hubAdmin(request.caller).hubId, request.data);
  }

  @Answers(ReplayDeadLetter)
  replay(@Payload() request: RequestOf<typeof ReplayDeadLetter>): Promise<AnswerOf<typeof ReplayDeadLetter>> {
    return this.deadLetters.replay(hubAdmin(request.caller).hubId, request.data.deadLetterId);
  }
}

function hubAdmin(caller: Caller | null): Caller {
  if (!caller) throw new Unauthenticated();
  if (!caller.hubRoles.includes('hub_admin')) throw new Forbidden('Only hub admins see and replay dead letters.');
  return caller;
}
