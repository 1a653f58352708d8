import { Controller, Get, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@cirkel/auth';
import { CalendarFeedView, CalendarText, GetCalendarFeed, GetOwnCalendarFeed, GetSessionCalendar, RenewCalendarFeed } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam, ZodParam } from '../http/validated.decorators';

const ICALENDAR = { status: 200, description: 'An iCalendar document (RFC 5545), times in Europe/Brussels', content: { 'text/calendar': { schema: { type: 'string' as const } } } };

/** Coaching sessions in people's own calendars: a secret feed per person, and one session as a file. */
@ApiTags('sessions')
@Controller()
export class CalendarController {
  constructor(private readonly requests: RequestClient) {}

  @Get('me/calendar-feed')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Your secret calendar feed as it is, without renewing it (404 calendar-feed-not-found when you have none)' })
  @ApiAnswer(GetOwnCalendarFeed, 'The path of the feed and when it was made')
  @ApiProblems(401, 404, 503)
  current(@Origin() origin: RequestOrigin): Promise<CalendarFeedView> {
    return this.requests.send(GetOwnCalendarFeed, { ...origin, data: {} });
  }

  @Post('me/calendar-feed')
  @Idempotent({ answerHoldsSecret: true }) // the path is the feed's secret: never kept in Redis
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Make or renew your secret calendar feed of your coaching sessions; the old address stops working' })
  @ApiAnswer(RenewCalendarFeed, 'The path of the feed, to subscribe to in a calendar', 201)
  @ApiProblems(401, 503)
  renew(@Origin() origin: RequestOrigin): Promise<CalendarFeedView> {
    return this.requests.send(RenewCalendarFeed, { ...origin, data: {} });
  }

  @Get('calendar-feeds/:token')
  @Public()
  @ApiOperation({ summary: 'A person’s coaching sessions as a calendar feed (anyone with the secret token: calendar clients send no login)' })
  @ApiResponse(ICALENDAR)
  @ApiProblems(400, 404, 503)
  async feed(@ZodParam('token', GetCalendarFeed.input.shape.token) token: string, @Origin() origin: RequestOrigin, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return calendar(reply, await this.requests.send(GetCalendarFeed, { ...origin, data: { token } }), 'inline');
  }

  @Get('sessions/:id/calendar')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'One of your coaching sessions as an .ics file (its mentor, its participants)' })
  @ApiResponse(ICALENDAR)
  @ApiProblems(400, 401, 404, 503)
  async session(@UuidParam('id') sessionId: string, @Origin() origin: RequestOrigin, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return calendar(reply, await this.requests.send(GetSessionCalendar, { ...origin, data: { sessionId } }), 'attachment');
  }
}

function calendar(reply: FastifyReply, text: CalendarText, disposition: 'inline' | 'attachment'): string {
  reply.header('content-type', 'text/calendar; charset=utf-8');
  reply.header('content-disposition', `${disposition}; filename="${text.filename}"`);
  return text.ics;
}
