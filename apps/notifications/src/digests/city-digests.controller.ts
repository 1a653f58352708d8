import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, GetCityDigest, ListCityDigests, NotFound, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { CityDigestRepository } from './city-digest.repository';

/** Past weekly city digests, for the hub's city staff and hub admins. */
@Controller()
export class CityDigestsController {
  constructor(
    private readonly access: Access,
    private readonly digests: CityDigestRepository,
  ) {}

  @Answers(ListCityDigests)
  async list(@Payload() request: RequestOf<typeof ListCityDigests>): Promise<AnswerOf<typeof ListCityDigests>> {
    const caller = await this.access.requireHubRole(request, 'city_staff', 'hub_admin');
    const rows = await this.digests.latest(caller.hubId, 52);
    return { items: rows.map((d) => ({ id: d.id, week: d.isoWeek, createdAt: d.createdAt.toISOString() })) };
  }

  @Answers(GetCityDigest)
  async get(@Payload() request: RequestOf<typeof GetCityDigest>): Promise<AnswerOf<typeof GetCityDigest>> {
    const caller = await this.access.requireHubRole(request, 'city_staff', 'hub_admin');
    const digest = await this.digests.find(request.data.digestId);
    if (!digest || digest.hubId !== caller.hubId) throw new NotFound(`Digest ${request.data.digestId}`, 'digest-not-found');
    return { id: digest.id, week: digest.isoWeek, createdAt: digest.createdAt.toISOString(), figures: digest.figures };
  }
}
