import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CharterSignatureView, CharterView, GetCurrentCharter, PublishCharter, SignCharter } from '@cirkel/contracts';
import { parseRequest } from '../common/request-call';
import { CharterService } from './charter.service';

@Controller()
export class ChartersController {
  constructor(private readonly charters: CharterService) {}

  @MessagePattern(GetCurrentCharter.pattern)
  async current(@Payload() envelope: unknown): Promise<CharterView> {
    const { call } = parseRequest(GetCurrentCharter, envelope);
    return this.charters.current(call);
  }

  @MessagePattern(PublishCharter.pattern)
  async publish(@Payload() envelope: unknown): Promise<CharterView> {
    const { call, data } = parseRequest(PublishCharter, envelope);
    return this.charters.publish(call, data);
  }

  @MessagePattern(SignCharter.pattern)
  async sign(@Payload() envelope: unknown): Promise<CharterSignatureView> {
    const { call, data } = parseRequest(SignCharter, envelope);
    return this.charters.sign(call, data);
  }
}
