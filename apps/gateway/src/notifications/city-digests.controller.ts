import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CityDigestView, GetCityDigest, ListCityDigests } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { ApiAnswer } from '../http/api-answer.decorator';
import { ApiProblems } from '../http/api-problems.decorator';
import { Origin, RequestOrigin } from '../http/origin.decorator';
import { UuidParam } from '../http/validated.decorators';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('digests')
export class CityDigestsController {
  constructor(private readonly requests: RequestClient) {}

  @Get()
  @ApiOperation({ summary: "The hub's past weekly city digests, newest first (the last 52; city staff and hub admins)" })
  @ApiAnswer(ListCityDigests, 'The digests, newest first')
  @ApiProblems(401, 403, 503)
  list(@Origin() origin: RequestOrigin): Promise<{ items: { id: string; week: string; createdAt: string }[] }> {
    return this.requests.send(ListCityDigests, { ...origin, data: {} });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One past city digest with its figures, suppressed as sent (city staff and hub admins)' })
  @ApiAnswer(GetCityDigest, 'The digest')
  @ApiProblems(400, 401, 403, 404, 503)
  get(@UuidParam('id') digestId: string, @Origin() origin: RequestOrigin): Promise<CityDigestView> {
    return this.requests.send(GetCityDigest, { ...origin, data: { digestId } });
  }
}
