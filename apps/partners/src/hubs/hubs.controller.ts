import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AnswerOf, GetHub, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { HubService, hubView } from './hub.service';

@Controller()
export class HubsController {
  constructor(private readonly hubs: HubService) {}

  /** Public: lets an anonymous caller name its hub by code. */
  @Answers(GetHub)
  async get(@Payload() request: RequestOf<typeof GetHub>): Promise<AnswerOf<typeof GetHub>> {
    return hubView(await this.hubs.bySlug(request.data.slug));
  }
}
