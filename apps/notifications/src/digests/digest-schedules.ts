import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CityDigest, SendDigests } from '@cirkel/contracts';
import { JobQueue } from '@cirkel/jobs';
import { RecipientRepository } from '../recipients/recipient.repository';
import { CITY_DIGEST_READERS } from './city-digest.service';

/** Every instance upserts the same schedulers at start (the personal digests, and the city digest of each hub with readers); BullMQ keeps one of each. */
@Injectable()
export class DigestSchedules implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueue,
    private readonly recipients: RecipientRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(SendDigests, 'daily', { pattern: '0 7 * * *', tz: 'Europe/Brussels' }, { rhythm: 'daily' });
    await this.jobs.schedule(SendDigests, 'weekly', { pattern: '0 7 * * 1', tz: 'Europe/Brussels' }, { rhythm: 'weekly' });
    for (const hubId of await this.recipients.hubsWithAnyHubRole(CITY_DIGEST_READERS)) await this.scheduleCityDigest(hubId);
  }

  /** The city digest of a hub: Monday 07:00 Europe/Brussels (also called when a hub gets its first reader). */
  scheduleCityDigest(hubId: string): Promise<void> {
    return this.jobs.schedule(CityDigest, hubId, { pattern: '0 7 * * 1', tz: 'Europe/Brussels' }, { hubId });
  }
}
