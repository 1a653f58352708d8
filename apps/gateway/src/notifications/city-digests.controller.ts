import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CityDigestSummary, CityDigestView, GetCityDigest, ListCityDigests, Page } from '@cirkel/contracts';
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
  @ApiOperation({ summary: 'One past city digest with its figures, suppressed as sent (city staff and hub admins)' })
  @ApiAnswer(GetCityDigest, 'The digest')
  @ApiProblems(400, 401, 403, 404, 503)
  get(@UuidParam('id') digestId: string, @Origin() origin: RequestOrigin): Promise<CityDigestView> {
    return this.requests.send(GetCityDigest, { ...origin, data: { digestId } });
  }
}
