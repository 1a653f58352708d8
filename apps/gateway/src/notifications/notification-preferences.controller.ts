import { Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { GetNotificationPreferences, NotificationPreferencesView, PutNotificationPreferences, Unsubscribe } from '@cirkel/contracts';
import { Public } from '@cirkel/auth';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodBody } from '../http/validated.decorators';

type PreferencesBody = z.input<typeof PutNotificationPreferences.input>;

@ApiTags('notifications')
@Controller()
export class NotificationPreferencesController {
  constructor(private readonly requests: RequestClient) {}

  @Get('me/notification-preferences')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The caller's choices per category: in the app on or off, e-mail immediate, daily, weekly or off (canSwitchOff false: it cannot be changed)" })
  @ApiAnswer(GetNotificationPreferences, 'Every category, with the defaults where nothing was chosen')
  @ApiProblems(401, 503)
  get(@Origin() origin: RequestOrigin): Promise<NotificationPreferencesView> {
    return this.requests.send(GetNotificationPreferences, { ...origin, data: {} });
  }

  @Put('me/notification-preferences')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Change the caller's choices for the categories named; one that cannot be switched off is a 409 preference-locked" })
  @ApiAnswer(PutNotificationPreferences, 'Every category, after the change')
  @ApiProblems(400, 401, 409, 503)
  put(@ZodBody(PutNotificationPreferences.input) body: PreferencesBody, @Origin() origin: RequestOrigin): Promise<NotificationPreferencesView> {
    return this.requests.send(PutNotificationPreferences, { ...origin, data: body });
  }

  /**
   * The one-click unsubscribe of an e-mail's `List-Unsubscribe` header (RFC 8058): a mail client
   * POSTs `List-Unsubscribe=One-Click` as a form, which the gateway takes on this path only.
   */
  @Public()
  @Post('unsubscribe/:token')
  @HttpCode(200)
  @ApiOperation({ summary: "One-click unsubscribe (RFC 8058): the e-mail's signed token switches that category's e-mail off for its addressee, nothing else" })
  @ApiAnswer(Unsubscribe, 'The category whose e-mail is now off')
  @ApiProblems(400, 503)
  unsubscribe(@Param('token') token: string, @Origin() origin: RequestOrigin): Promise<{ category: string; email: 'off' }> {
    return this.requests.send(Unsubscribe, { ...origin, data: { token } });
  }
}
