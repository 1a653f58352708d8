import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, ChangeLanguage, GetMe, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { MeService } from './me.service';

@Controller()
export class MeController {
  constructor(
    private readonly access: Access,
    private readonly me: MeService,
  ) {}

  @Answers(GetMe)
  async getMe(@Payload() request: RequestOf<typeof GetMe>): Promise<AnswerOf<typeof GetMe>> {
    return this.me.get(await this.access.requireCaller(request));
  }

  @Answers(ChangeLanguage)
  async changeLanguage(@Payload() request: RequestOf<typeof ChangeLanguage>): Promise<AnswerOf<typeof ChangeLanguage>> {
    return this.me.changeLanguage(await this.access.requireCaller(request), request.data.language);
  }
}
