import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CityDigestSummary, CityDigestV2View, GetCityDigestV2, ListCityDigests, Page } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam, ZodQuery } from '../http/validated.decorators';

const digestsQuerySchema = ListCityDigests.input;
type DigestsQuery = z.input<typeof digestsQuerySchema>;

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('digests')
export class CityDigestsController {
  constructor(private readonly requests: RequestClient) {}

  @Get()
  @ApiOperation({ summary: "The hub's past weekly city digests, newest first, by cursor (52 a page unless limit says otherwise; city staff and hub admins)" })
  @ApiAnswer(ListCityDigests, 'A page of digests, newest first')
  @ApiProblems(400, 401, 403, 503)
  list(@ZodQuery(digestsQuerySchema) query: DigestsQuery, @Origin() origin: RequestOrigin): Promise<Page<CityDigestSummary>> {
    return this.requests.send(ListCityDigests, { ...origin, data: query });
  }

  @Get(':id')
  @ApiOperation({
    summary:
      "One past city digest with all it showed, suppressed as sent: the figures, the week's and the year's activity (new partners, ideas per work domain, stage movements, sessions, programme attendance) and the year's jobs per month against the target (city staff and hub admins)",
  })
  @ApiAnswer(GetCityDigestV2, 'The digest')
  @ApiProblems(400, 401, 403, 404, 503)
  get(@UuidParam('id') digestId: string, @Origin() origin: RequestOrigin): Promise<CityDigestV2View> {
    return this.requests.send(GetCityDigestV2, { ...origin, data: { digestId } });
  }
}
