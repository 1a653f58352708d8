import { Injectable } from '@nestjs/common';
import { Forbidden, HubView, RequestOf, ValidationFailed } from '@cirkel/contracts';
import { v7 as uuidv7 } from 'uuid';
import { Hub } from './hub.entity';
import { HubNotFound } from './hub.errors';
import { HubRepository } from './hub.repository';

@Injectable()
export class HubService {
  constructor(private readonly hubs: HubRepository) {}

  async bySlug(slug: string): Promise<Hub> {
    const hub = await this.hubs.findBySlug(slug);
    if (!hub) throw new HubNotFound(`"${slug}"`);
    return hub;
  }

  async byId(id: string): Promise<Hub> {
    const hub = await this.hubs.findById(id);
    if (!hub) throw new HubNotFound(`with id ${id}`);
    return hub;
  }

  /** The hub a request is about: the caller's, else (for an anonymous caller) the one the gateway names in the envelope. */
  async ofRequest(request: Pick<RequestOf<unknown>, 'caller' | 'hubId'>): Promise<Hub> {
    if (request.caller) {
      if (request.hubId && request.hubId !== request.caller.hubId) throw new Forbidden("The request names another hub than the caller's.");
      return this.byId(request.caller.hubId);
    }
    if (request.hubId) return this.byId(request.hubId);
    throw new ValidationFailed([{ field: 'envelope.hubId', message: 'an anonymous request names its hub' }], 'Name the hub, or log in.');
  }

  /** Creates the hub unless it exists (the demo seed; hubs have no request of their own yet). */
  async ensure(slug: string, name: string): Promise<{ hub: Hub; created: boolean }> {
    const existing = await this.hubs.findBySlug(slug);
    if (existing) return { hub: existing, created: false };
    const hub = await this.hubs.insertIfMissing({ id: uuidv7(), slug, name, createdAt: new Date() });
    return { hub, created: true };
  }
}

export function hubView(hub: Hub): HubView {
  return { id: hub.id, slug: hub.slug, name: hub.name };
}
