import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@cirkel/auth';
import { GetStatistics, StatisticsView } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodQuery } from '../http/validated.decorators';

type StatisticsQuery = z.input<typeof GetStatistics.input>;

/** The hub's statistics: jobs created, FTE and participants, by period and grouping, with disclosure control. */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly requests: RequestClient) {}

  @Get()
  @Roles('hub_admin', 'city_staff')
  @ApiOperation({ summary: 'Jobs created, FTE and participants of a period (2026, 2026-Q3, 2026-11) by workDomain, sector, contractType or indicator; counts 1–4 suppressed (with what would reveal them) unless you are a hub admin' })
  @ApiAnswer(GetStatistics, 'The figures, as the statistics job last computed them')
  @ApiProblems(400, 401, 403, 503)
  get(@ZodQuery(GetStatistics.input) query: StatisticsQuery, @Origin() origin: RequestOrigin): Promise<StatisticsView> {
    return this.requests.send(GetStatistics, { ...origin, data: query });
  }
}
