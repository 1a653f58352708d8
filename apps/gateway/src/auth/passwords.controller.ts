import { Controller, Header, HttpCode, Ip, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentCaller, Public } from '@cirkel/auth';
import { Caller, ChangePassword, PasswordResetRequestedView, RequestPasswordReset, ResetPassword, TokenPairView, tokenPairViewSchema } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodBody } from '../http/validated.decorators';
import { LoginsEndedView, loginsEndedViewSchema } from '../sessions/sessions.views';
import { AuthService } from './auth.service';
import { RequestLimiter } from './request-limits';

type PasswordChange = z.input<typeof ChangePassword.input>;
type ResetRequest = z.input<typeof RequestPasswordReset.input>;
type Reset = z.input<typeof ResetPassword.input>;

/** Changing a password (signed in) and resetting a forgotten one (by a link e-mailed to the address). */
@ApiTags('auth')
@Controller()
export class PasswordsController {
  constructor(
    private readonly auth: AuthService,
    private readonly requests: RequestClient,
    private readonly limits: RequestLimiter,
  ) {}

  @Put('me/password')
  @ApiBearerAuth()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Change the password, giving the current one: every login of the caller ends, and this device gets a new pair of tokens; rate-limited per person and per address',
  })
  @ApiAnswer(tokenPairViewSchema, 'A new pair of tokens, for a new login')
  @ApiProblems(400, 401, 403, 429, 503)
  change(@ZodBody(ChangePassword.input) body: PasswordChange, @CurrentCaller() caller: Caller, @Ip() address: string, @Origin() origin: RequestOrigin): Promise<TokenPairView> {
    return this.auth.changePassword(body, caller, address, origin);
  }

  @Public()
  @Post('password-resets')
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for a link to set a new password, e-mailed to the address if it has an account; the same answer either way' })
  @ApiAnswer(RequestPasswordReset, 'Received', 202)
  @ApiProblems(400, 429, 503)
  async request(@ZodBody(RequestPasswordReset.input) body: ResetRequest, @Origin() origin: RequestOrigin, @Ip() address: string): Promise<PasswordResetRequestedView> {
    await this.limits.count('password-reset', address);
    return this.requests.send(RequestPasswordReset, { ...origin, data: body });
  }

  @Public()
  @Post('password-resets/confirmation')
  @HttpCode(200)
  @ApiOperation({ summary: "Set a new password with the e-mailed link's token (good once, for an hour): every login of the person ends" })
  @ApiAnswer(loginsEndedViewSchema, 'The password is set; how many logins this ended')
  @ApiProblems(400, 404, 409, 410, 429, 503)
  async reset(@ZodBody(ResetPassword.input) body: Reset, @Origin() origin: RequestOrigin, @Ip() address: string): Promise<LoginsEndedView> {
    await this.limits.count('password-reset', address);
    return { ended: await this.auth.resetPassword(body, origin) };
  }
}
