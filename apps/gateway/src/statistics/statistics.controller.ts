import { Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Public, Roles } from '@cirkel/auth';
import { ExportStatistics, GetPublicStatistics, GetStatistics, PublicStatisticsView, RunStatistics, statisticsPeriod, StatisticsRunView, StatisticsView } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { HubDirectory } from '../charters/hub-directory.service';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { ZodBody, ZodQuery } from '../http/validated.decorators';
import { toCsv, toXlsx, XLSX_TYPE } from './statistics-export';

type StatisticsQuery = z.input<typeof GetStatistics.input>;
type RunBody = z.input<typeof RunStatistics.input>;
const publicQuerySchema = z.strictObject({ hub: z.string().regex(/^[a-z0-9-]{1,40}$/, 'a hub code such as genk').optional() });
type PublicQuery = z.input<typeof publicQuerySchema>;
const exportQuerySchema = z.strictObject({
  period: statisticsPeriod,
  format: z.enum(['csv', 'xlsx']),
  suppressed: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('false: the exact figures, counts 1–4 included, for the ESF managing authority (not to be published); true (the default): suppressed as city staff see them. Every export is in the audit log.'),
});
type ExportQuery = z.input<typeof exportQuerySchema>;

const EXPORT_FILE = {
  status: 200,
  description: 'The ESF common indicators of the period, one row per indicator value, under a header naming the rules applied',
  content: { 'text/csv': { schema: { type: 'string' as const } }, [XLSX_TYPE]: { schema: { type: 'string' as const, format: 'binary' } } },
};

/** The hub's statistics: jobs created, FTE and participants, by period and grouping, with disclosure control. */
@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly requests: RequestClient,
    private readonly hubs: HubDirectory,
  ) {}

  @Get()
  @ApiBearerAuth()
  @Roles('hub_admin', 'city_staff')
  @ApiOperation({ summary: 'Jobs created, FTE and participants of a period (2026, 2026-Q3, 2026-11) by workDomain, sector, contractType or indicator; counts 1–4 suppressed (with what would reveal them) unless you are a hub admin' })
  @ApiAnswer(GetStatistics, 'The figures, as the statistics job last computed them')
  @ApiProblems(400, 401, 403, 503)
  get(@ZodQuery(GetStatistics.input) query: StatisticsQuery, @Origin() origin: RequestOrigin): Promise<StatisticsView> {
    return this.requests.send(GetStatistics, { ...origin, data: query });
  }

  @Post('runs')
  @HttpCode(202)
  @ApiBearerAuth()
  @Roles('hub_admin')
  @ApiOperation({ summary: "Compute the hub's statistics of a year (this year unless { year } names one) and of its ESF phases now rather than at the nightly run (hub admins); joins a run already waiting after a change" })
  @ApiAnswer(RunStatistics, 'Accepted: the run that will compute the figures (GET /statistics shows them with a later computedAt)', 202)
  @ApiProblems(400, 401, 403, 503)
  run(@ZodBody(RunStatistics.input) body: RunBody, @Origin() origin: RequestOrigin): Promise<StatisticsRunView> {
    return this.requests.send(RunStatistics, { ...origin, data: body });
  }

  @Get('public')
  @Public()
  @ApiOperation({ summary: "The hub's headline figures for its public page (?hub=genk when anonymous): jobs created this year, of which in the social economy, ideas per work domain and stage; always suppressed, computed at most once a minute" })
  @ApiAnswer(GetPublicStatistics, 'The headline figures')
  @ApiProblems(400, 404, 503)
  async publicFigures(@ZodQuery(publicQuerySchema) query: PublicQuery, @Origin() origin: RequestOrigin): Promise<PublicStatisticsView> {
    const hubId = await this.hubs.hubIdFor(origin, query.hub);
    return this.requests.send(GetPublicStatistics, { ...origin, hubId, data: {} });
  }

  @Get('export')
  @ApiBearerAuth()
  @Roles('hub_admin')
  @ApiOperation({ summary: 'The ESF common indicators of a period as CSV or XLSX (hub admins): one row per indicator value, the total first, under a header that names the rules applied; suppressed unless ?suppressed=false; each export is written to the audit log' })
  @ApiResponse(EXPORT_FILE)
  @ApiProblems(400, 401, 403, 503)
  async export(@ZodQuery(exportQuerySchema) query: ExportQuery, @Origin() origin: RequestOrigin, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | Buffer> {
    // The pipe checked the query and passes it on as sent (strings): its default and transform apply here.
    const { period, suppressed } = exportQuerySchema.parse(query);
    const view = await this.requests.send(ExportStatistics, { ...origin, data: { period, suppressed } });
    reply.header('content-disposition', `attachment; filename="cirkel-esf-${view.period.key}${view.suppressed ? '' : '-niet-publiceren'}.${query.format}"`);
    if (query.format === 'csv') {
      reply.header('content-type', 'text/csv; charset=utf-8');
      return toCsv(view);
    }
    reply.header('content-type', XLSX_TYPE);
    return toXlsx(view);
  }
}
