import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Caller, DeadLetterView, Forbidden, ListDeadLetters, Page, ReplayDeadLetter, RequestEnvelope, Unauthenticated, validate } from '@cirkel/contracts';
import { DeadLetterService } from './dead-letter.service';

/** Every service answers these for its own dead letters (`~.` is the service's own name). Hub admins only. */
@Controller()
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetterService) {}

  @MessagePattern(ListDeadLetters.pattern)
  list(@Payload() request: RequestEnvelope): Promise<Page<DeadLetterView>> {
    return this.deadLetters.list(hubAdmin(request.caller).hubId, validate(ListDeadLetters.schema, request.data));
  }

  @MessagePattern(ReplayDeadLetter.pattern)
  replay(@Payload() request: RequestEnvelope): Promise<DeadLetterView> {
    const caller = hubAdmin(request.caller);
    return this.deadLetters.replay(caller.hubId, validate(ReplayDeadLetter.schema, request.data).deadLetterId);
  }
}

function hubAdmin(caller: Caller | null): Caller {
  if (!caller) throw new Unauthenticated();
  if (!caller.hubRoles.includes('hub_admin')) throw new Forbidden('Only hub admins see and replay dead letters.');
  return caller;
}
