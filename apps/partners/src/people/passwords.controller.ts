import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, ChangePassword, RequestOf, RequestPasswordReset, ResetPassword } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { PasswordService } from './password.service';

@Controller()
export class PasswordsController {
  constructor(
    private readonly access: Access,
    private readonly passwords: PasswordService,
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
}
