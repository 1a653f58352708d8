import { Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Public } from '@cirkel/auth';
import { RegisterOrganisation, RegistrationView } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Idempotent } from '../http/idempotency.interceptor';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodBody } from '../http/validated.decorators';

type Registration = z.input<typeof RegisterOrganisation.input>;

@ApiTags('registrations')
@Public()
@Controller('registrations')
export class RegistrationsController {
  constructor(private readonly requests: RequestClient) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Register an organisation (pending) with its first member as org_admin' })
  @ApiAnswer(RegisterOrganisation, 'The organisation (pending) and its first person', 201)
  @ApiProblems(400, 409, 422, 503)
  register(@ZodBody(RegisterOrganisation.input) body: Registration, @Origin() origin: RequestOrigin): Promise<RegistrationView> {
    return this.requests.send(RegisterOrganisation, { ...origin, data: body });
  }
}
