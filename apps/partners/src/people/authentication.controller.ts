import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AnswerOf, Authenticate, GetIdentity, GetIdentityV2, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { AuthenticationService } from './authentication.service';

/** For the gateway's logins and token refreshes. */
@Controller()
export class AuthenticationController {
  constructor(private readonly authentication: AuthenticationService) {}

  @Answers(Authenticate)
  authenticate(@Payload() request: RequestOf<typeof Authenticate>): Promise<AnswerOf<typeof Authenticate>> {
    return this.authentication.authenticate(request);
  }

  @Answers(GetIdentity)
  getIdentity(@Payload() request: RequestOf<typeof GetIdentity>): Promise<AnswerOf<typeof GetIdentity>> {
    return this.authentication.getIdentity(request);
  }

  @Answers(GetIdentityV2)
  getIdentityV2(@Payload() request: RequestOf<typeof GetIdentityV2>): Promise<AnswerOf<typeof GetIdentityV2>> {
    return this.authentication.getIdentity(request);
  }
}
