import { Injectable } from '@nestjs/common';
import { GetHub, HubView, ValidationFailed } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { RequestOrigin } from '../http/origin.decorator';

const CACHE_MS = 5 * 60 * 1000;

/**
 * The hub a request is about: the caller's, or for an anonymous caller the hub its code names
 * (asked of partners, kept a few minutes: hubs do not move).
 */
@Injectable()
export class HubDirectory {
  private readonly known = new Map<string, { hub: HubView; until: number }>();

  constructor(private readonly requests: RequestClient) {}

  async hubIdFor(origin: RequestOrigin, slug: string | undefined): Promise<string> {
    if (origin.hubId) return origin.hubId;
    if (!slug) throw new ValidationFailed([{ field: 'hub', message: 'name the hub (e.g. ?hub=genk) or send an access token' }]);
    return (await this.bySlug(slug, origin)).id;
  }

  private async bySlug(slug: string, origin: RequestOrigin): Promise<HubView> {
    const cached = this.known.get(slug);
    if (cached && cached.until > Date.now()) return cached.hub;
    const hub = await this.requests.send(GetHub, { ...origin, data: { slug } });
    this.known.set(slug, { hub, until: Date.now() + CACHE_MS });
    return hub;
  }
}
