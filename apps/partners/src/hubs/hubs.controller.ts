import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetHub, HubView } from '@cirkel/contracts';
import { parseRequest } from '../common/request-call';
import { HubService, hubView } from './hub.service';

@Controller()
export class HubsController {
  constructor(private readonly hubs: HubService) {}

  /** Public: lets an anonymous caller name its hub by code. */
  @MessagePattern(GetHub.pattern)
  async get(@Payload() envelope: unknown): Promise<HubView> {
    const { data } = parseRequest(GetHub, envelope);
    return hubView(await this.hubs.bySlug(data.slug));
  }
}
