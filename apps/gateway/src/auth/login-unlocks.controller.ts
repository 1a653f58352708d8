import { Controller, Header, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@cirkel/auth';
import { ConfirmLoginUnlock, LoginUnlockRequestedView, RequestLoginUnlock, view } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodBody } from '../http/validated.decorators';
import { AuthService } from './auth.service';
import { DEVICE_COOKIE_PATH, DeviceCookies } from './device-cookies';
import { RequestLimiter } from './request-limits';

type UnlockRequest = z.input<typeof RequestLoginUnlock.input>;
type Unlock = z.input<typeof ConfirmLoginUnlock.input>;

/** The answer to a used login unlock link: the device cookie is set on it. */
export const loginUnlockedViewSchema = view(
  'LoginUnlockedView',
  z.object({ status: z.literal('browser-unlocked').describe("This browser has the account's device cookie now: log in with the password as usual.") }),
);
export type LoginUnlockedView = z.infer<typeof loginUnlockedViewSchema>;

/**
 * The way out of the device-cookie scheme (OWASP, lockout without denial of service) for an owner on
 * a browser without the account's cookie while failures made elsewhere lock the account
 * (`login-account-locked`): a link e-mailed to the account's address, whose use sets that browser a
 * device cookie. Both requests are anonymous and limited per address and globally.
 */
@ApiTags('auth')
@Public()
@Controller('auth/login-unlocks')
export class LoginUnlocksController {
  constructor(
    private readonly auth: AuthService,
    private readonly requests: RequestClient,
    private readonly limits: RequestLimiter,
    private readonly deviceCookies: DeviceCookies,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: "Ask for a link that lets a browser log in to an account whose logins are locked, e-mailed to the address if it has an account; the same answer either way",
    description: 'Good once, for 15 minutes; at most one e-mail per address per 5 minutes (asked again within them, the link e-mailed last is the one).',
  })
  @ApiAnswer(RequestLoginUnlock, 'Received', 202)
  @ApiProblems(400, 429, 503)
  async request(@ZodBody(RequestLoginUnlock.input) body: UnlockRequest, @Origin() origin: RequestOrigin, @Ip() address: string): Promise<LoginUnlockRequestedView> {
    await this.limits.count('login-unlock', address);
    return this.requests.send(RequestLoginUnlock, { ...origin, data: body });
  }

  @Post('confirmation')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: "Use an e-mailed login unlock link's token (once): this browser gets the account's device cookie, so the right password logs it in while the account is locked for others",
    description: `The device cookie (HttpOnly, SameSite=Strict, \`Path=${DEVICE_COOKIE_PATH}\`) is the one a successful login sets. A password change or reset, or a deactivation, ends the links sent before it (409).`,
  })
  @ApiAnswer(loginUnlockedViewSchema, 'This browser has the device cookie')
  @ApiProblems(400, 404, 409, 410, 429, 503)
  async confirm(
    @ZodBody(ConfirmLoginUnlock.input) body: Unlock,
    @Origin() origin: RequestOrigin,
    @Ip() address: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginUnlockedView> {
    await this.limits.count('login-unlock', address);
    this.deviceCookies.setOn(reply, request, await this.auth.unlock(body, origin));
    return { status: 'browser-unlocked' };
  }
}
