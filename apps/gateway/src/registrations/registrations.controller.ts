import { Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@cirkel/auth';
import { ConfirmRegistration, RegisterOrganisation, RegistrationReceivedView, RegistrationView } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { RequestLimiter } from '../auth/request-limits';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodBody } from '../http/validated.decorators';

type Registration = z.input<typeof RegisterOrganisation.input>;
type Confirmation = z.input<typeof ConfirmRegistration.input>;

@ApiTags('registrations')
@Public()
@Controller('registrations')
export class RegistrationsController {
  constructor(
    private readonly requests: RequestClient,
    private readonly limits: RequestLimiter,
  ) {}

  @Post()
  @Idempotent()
  @HttpCode(202)
  @ApiOperation({ summary: 'Register an organisation with its first member as org_admin: a confirmation link is e-mailed to the address' })
  @ApiAnswer(RegisterOrganisation, 'Received: the same answer whether or not the address has an account', 202)
  @ApiProblems(400, 404, 409, 422, 429, 503)
  async register(@ZodBody(RegisterOrganisation.input) body: Registration, @Origin() origin: RequestOrigin, @Ip() address: string): Promise<RegistrationReceivedView> {
    await this.limits.count('registration', address);
    return this.requests.send(RegisterOrganisation, { ...origin, data: body });
  }

  @Post('confirmation')
  @Idempotent()
  @ApiOperation({ summary: "Confirm a registration with the e-mailed link's token: the organisation (pending) and its first person are created" })
  @ApiAnswer(ConfirmRegistration, 'The organisation (pending) and its first person', 201)
  @ApiProblems(400, 404, 409, 410, 422, 429, 503)
  async confirm(@ZodBody(ConfirmRegistration.input) body: Confirmation, @Origin() origin: RequestOrigin, @Ip() address: string): Promise<RegistrationView> {
    await this.limits.count('registration-confirmation', address);
    return this.requests.send(ConfirmRegistration, { ...origin, data: body });
  }
}
