import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, ChangePassword, ConfirmLoginUnlock, RequestLoginUnlock, RequestOf, RequestPasswordReset, ResetPassword } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { LoginUnlockService } from './login-unlock.service';
import { PasswordService } from './password.service';

@Controller()
export class PasswordsController {
  constructor(
    private readonly access: Access,
    private readonly passwords: PasswordService,
    private readonly unlocks: LoginUnlockService,
  ) {}

  @Answers(ChangePassword)
  async change(@Payload() request: RequestOf<typeof ChangePassword>): Promise<AnswerOf<typeof ChangePassword>> {
    return this.passwords.change(await this.access.requireCaller(request), request.data);
  }

  @Answers(RequestPasswordReset)
  requestReset(@Payload() request: RequestOf<typeof RequestPasswordReset>): Promise<AnswerOf<typeof RequestPasswordReset>> {
    return this.passwords.requestReset(request.data);
  }

  @Answers(ResetPassword)
  reset(@Payload() request: RequestOf<typeof ResetPassword>): Promise<AnswerOf<typeof ResetPassword>> {
    return this.passwords.reset(request.data);
  }

  @Answers(RequestLoginUnlock)
  requestUnlock(@Payload() request: RequestOf<typeof RequestLoginUnlock>): Promise<AnswerOf<typeof RequestLoginUnlock>> {
    return this.unlocks.request(request.data);
  }

  @Answers(ConfirmLoginUnlock)
  confirmUnlock(@Payload() request: RequestOf<typeof ConfirmLoginUnlock>): Promise<AnswerOf<typeof ConfirmLoginUnlock>> {
    return this.unlocks.confirm(request.data);
  }
}
