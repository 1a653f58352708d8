import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Access } from '@cirkel/auth';
import { AnswerOf, CityDigestView, GetCityDigest, GetCityDigestV2, ListCityDigests, NotFound, RequestOf } from '@cirkel/contracts';
import { Answers } from '@cirkel/messaging';
import { z } from 'zod';
import { Keyset } from '@cirkel/persistence';
import { asVersion2 } from './city-digest-figures';
import { CityDigestRecord } from './city-digest.entity';
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

  /** Version 1: the figures of version 1 only (what the gateway of before asks). */
  @Answers(GetCityDigest)
  async get(@Payload() request: RequestOf<typeof GetCityDigest>): Promise<AnswerOf<typeof GetCityDigest>> {
    const digest = await this.readable(request);
    return { id: digest.id, week: digest.isoWeek, createdAt: digest.createdAt.toISOString(), figures: digest.figures };
  }

  /** Version 2: all the digest showed — the week's and the year's activity, the year's jobs per month against the target — null for a digest built from version 1's figures. */
  @Answers(GetCityDigestV2)
  async getV2(@Payload() request: RequestOf<typeof GetCityDigestV2>): Promise<AnswerOf<typeof GetCityDigestV2>> {
    const digest = await this.readable(request);
    const v2 = asVersion2(digest.figures);
    const figures: CityDigestView['figures'] = {
      hubId: digest.figures.hubId,
      week: { key: digest.figures.week.key, from: digest.figures.week.from, to: digest.figures.week.to, figures: digest.figures.week.figures },
      yearToDate: { key: digest.figures.yearToDate.key, from: digest.figures.yearToDate.from, to: digest.figures.yearToDate.to, figures: digest.figures.yearToDate.figures },
      rules: digest.figures.rules,
    };
    return {
      id: digest.id,
      week: digest.isoWeek,
      createdAt: digest.createdAt.toISOString(),
      figures,
      activity: v2 && { week: v2.week.activity, yearToDate: v2.yearToDate.activity },
      jobs: v2?.jobs ?? null,
    };
  }

  /** The digest if it is of the caller's hub and the caller is city staff or a hub admin; 404 for another hub's. */
  private async readable(request: RequestOf<typeof GetCityDigest | typeof GetCityDigestV2>): Promise<CityDigestRecord> {
    const caller = await this.access.requireHubRole(request, 'city_staff', 'hub_admin');
    const digest = await this.digests.find(request.data.digestId);
    if (!digest || digest.hubId !== caller.hubId) throw new NotFound(`Digest ${request.data.digestId}`, 'digest-not-found');
    return digest;
  }
}
