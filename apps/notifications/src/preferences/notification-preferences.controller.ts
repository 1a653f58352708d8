import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, GetNotificationPreferences, PutNotificationPreferences, RequestOf, Unsubscribe } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { NotificationPreferencesService } from './notification-preferences.service';

@Controller()
export class NotificationPreferencesController {
  constructor(
    private readonly access: Access,
    private readonly preferences: NotificationPreferencesService,
  ) {}

  @Answers(GetNotificationPreferences)
  async get(@Payload() request: RequestOf<typeof GetNotificationPreferences>): Promise<AnswerOf<typeof GetNotificationPreferences>> {
    return this.preferences.get(await this.access.requireCaller(request));
  }

  @Answers(PutNotificationPreferences)
  async put(@Payload() request: RequestOf<typeof PutNotificationPreferences>): Promise<AnswerOf<typeof PutNotificationPreferences>> {
    return this.preferences.put(await this.access.requireCaller(request), request.data);
  }

  /** Anonymous: the signed token is the authority (RFC 8058 one-click, from a mail client). */
  @Answers(Unsubscribe)
  unsubscribe(@Payload() request: RequestOf<typeof Unsubscribe>): Promise<AnswerOf<typeof Unsubscribe>> {
    return this.preferences.unsubscribe(request.data.token);
  }
}
