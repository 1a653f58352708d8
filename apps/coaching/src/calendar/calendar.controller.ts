import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, GetCalendarFeed, GetOwnCalendarFeed, GetSessionCalendar, RenewCalendarFeed, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { CalendarService } from './calendar.service';

@Controller()
export class CalendarController {
  constructor(
    private readonly access: Access,
    private readonly calendars: CalendarService,
  ) {}

  @Answers(RenewCalendarFeed)
  async renew(@Payload() request: RequestOf<typeof RenewCalendarFeed>): Promise<AnswerOf<typeof RenewCalendarFeed>> {
    return this.calendars.renew(await this.access.requireCaller(request));
  }

  @Answers(GetOwnCalendarFeed)
  async current(@Payload() request: RequestOf<typeof GetOwnCalendarFeed>): Promise<AnswerOf<typeof GetOwnCalendarFeed>> {
    return this.calendars.current(await this.access.requireCaller(request));
  }

  /** No caller: the secret token is the right to read (a calendar client sends no login). */
  @Answers(GetCalendarFeed)
  async feed(@Payload() request: RequestOf<typeof GetCalendarFeed>): Promise<AnswerOf<typeof GetCalendarFeed>> {
    return this.calendars.feed(request.data.token);
  }

  @Answers(GetSessionCalendar)
  async session(@Payload() request: RequestOf<typeof GetSessionCalendar>): Promise<AnswerOf<typeof GetSessionCalendar>> {
    return this.calendars.session(await this.access.requireCaller(request), request.data.sessionId);
  }
}
