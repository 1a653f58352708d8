import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, GetCurrentCharter, PublishCharter, RequestOf, SignCharter } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { CharterService } from './charter.service';

@Controller()
export class ChartersController {
  constructor(
    private readonly access: Access,
    private readonly charters: CharterService,
  ) {}

  /** Public: of the caller's hub, or for an anonymous caller of the hub the request names. */
  @Answers(GetCurrentCharter)
  current(@Payload() request: RequestOf<typeof GetCurrentCharter>): Promise<AnswerOf<typeof GetCurrentCharter>> {
    return this.charters.current(request);
  }

  @Answers(PublishCharter)
  async publish(@Payload() request: RequestOf<typeof PublishCharter>): Promise<AnswerOf<typeof PublishCharter>> {
    return this.charters.publish(await this.access.requireHubRole(request, 'hub_admin'), request.data, request.correlationId);
  }

  @Answers(SignCharter)
  async sign(@Payload() request: RequestOf<typeof SignCharter>): Promise<AnswerOf<typeof SignCharter>> {
    return this.charters.sign(await this.access.requireCaller(request), request.data, request.correlationId);
  }
}
