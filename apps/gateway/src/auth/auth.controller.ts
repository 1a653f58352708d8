import { Controller, Header, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@cirkel/auth';
import { TokenPairView, tokenPairViewSchema } from '@cirkel/contracts';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodBody } from '../http/validated.decorators';
import { LoginBody, loginBodySchema, RefreshBody, refreshBodySchema } from './auth.bodies';
import { LoginsEndedView, loginsEndedViewSchema } from '../sessions/sessions.views';
import { RefreshTokenService } from '../sessions/refresh-token.service';
import { AuthService } from './auth.service';
import { DEVICE_COOKIE_PATH, DeviceCookies } from './device-cookies';
import { RequestLimiter } from './request-limits';

@ApiTags('auth')
@Public()
// Answers hold tokens: never stored by caches (RFC 6749, 5.1), never kept for Idempotency-Key replay.
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly limits: RequestLimiter,
    private readonly refreshTokens: RefreshTokenService,
    private readonly deviceCookies: DeviceCookies,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Log in with e-mail and password; rate-limited per device cookie, or per account and per address',
    description:
      'A successful login also sets an HttpOnly device cookie for the account (`Path=' +
      DEVICE_COOKIE_PATH +
      '`, SameSite=Strict, 180 days). A later login to that account that sends it back counts against that device alone, so an attack on the account does not lock its owner out (docs/security.md). ' +
      'Without one, an attempt refused for the account\'s failures is a 429 `login-account-locked`: a browser without the cookie may ask for a link by e-mail (`POST /auth/login-unlocks`) that gives it one.',
  })
  @ApiAnswer(tokenPairViewSchema, 'A new pair of tokens')
  @ApiProblems(400, 401, 429, 503)
  async login(
    @ZodBody(loginBodySchema) body: LoginBody,
    @Ip() address: string,
    @Origin() origin: RequestOrigin,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairView> {
    const { pair, deviceCookie } = await this.auth.login(body, address, origin, request.cookies);
    this.deviceCookies.setOn(reply, request, deviceCookie);
    return pair;
  }

  @Post('refresh')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Trade a refresh token for a new pair; a reused one revokes its whole login (refresh-token-reused)' })
  @ApiAnswer(tokenPairViewSchema, 'A new pair of tokens')
  @ApiProblems(400, 401, 429, 503)
  async refresh(@ZodBody(refreshBodySchema) body: RefreshBody, @Ip() address: string, @Origin() origin: RequestOrigin): Promise<TokenPairView> {
    await this.limits.count('refresh', address);
    return this.auth.refresh(body.refreshToken, origin);
  }

  @Post('logout')
  @HttpCode(200)
  @ApiOperation({ summary: "Log out: end the login (every token of its family) of a refresh token; an unknown or ended one ends nothing" })
  @ApiAnswer(loginsEndedViewSchema, 'How many logins this ended (0 or 1)')
  @ApiProblems(400, 429, 503)
  async logout(@ZodBody(refreshBodySchema) body: RefreshBody, @Ip() address: string): Promise<LoginsEndedView> {
    await this.limits.count('refresh', address);
    return { ended: await this.refreshTokens.end(body.refreshToken) };
  }
}
