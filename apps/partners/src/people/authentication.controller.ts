import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Authenticate, GetIdentity, IdentityView } from '@cirkel/contracts';
import { parseRequest } from '../common/request-call';
import { AuthenticationService } from './authentication.service';

@Controller()
export class AuthenticationController {
  constructor(private readonly authentication: AuthenticationService) {}

  @MessagePattern(Authenticate.pattern)
  async authenticate(@Payload() envelope: unknown): Promise<IdentityView> {
    const { call, data } = parseRequest(Authenticate, envelope);
    return this.authentication.authenticate(call, data);
  }

  @MessagePattern(GetIdentity.pattern)
  async getIdentity(@Payload() envelope: unknown): Promise<IdentityView> {
    const { call, data } = parseRequest(GetIdentity, envelope);
    return this.authentication.getIdentity(call, data);
  }
}
