import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, GetCityDigest, ListCityDigests, NotFound, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { z } from 'zod';
import { Keyset } from '@cirkel/persistence';
import { CityDigestRepository } from './city-digest.repository';

/** Digests are listed newest first, by (ISO week, id). */
const DIGEST_KEYSET = new Keyset(z.tuple([z.string().regex(/^\d{4}-W\d{2}$/), z.uuid()]));

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
    const after = DIGEST_KEYSET.after(request.data.cursor);
    const rows = await this.digests.page(caller.hubId, request.data.limit + 1, after && { isoWeek: after[0], id: after[1] });
    const page = DIGEST_KEYSET.page(rows, request.data.limit, (d) => [d.isoWeek, d.id]);
    return { items: page.rows.map((d) => ({ id: d.id, week: d.isoWeek, createdAt: d.createdAt.toISOString() })), nextCursor: page.nextCursor };
  }

  @Answers(GetCityDigest)
  async get(@Payload() request: RequestOf<typeof GetCityDigest>): Promise<AnswerOf<typeof GetCityDigest>> {
    const caller = await this.access.requireHubRole(request, 'city_staff', 'hub_admin');
    const digest = await this.digests.find(request.data.digestId);
    if (!digest || digest.hubId !== caller.hubId) throw new NotFound(`Digest ${request.data.digestId}`, 'digest-not-found');
    return { id: digest.id, week: digest.isoWeek, createdAt: digest.createdAt.toISOString(), figures: digest.figures };
  }
}
