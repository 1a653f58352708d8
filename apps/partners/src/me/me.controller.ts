import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, GetMe, RequestOf } from '@cirkel/contracts';
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
}
