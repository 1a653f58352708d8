import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GetDigestFiguresV2, HubRole } from '@cirkel/contracts';
import { RequestClient } from '@cirkel/messaging';
import { Alerts } from '../alerts/alerts.service';
import { RecipientRepository } from '../recipients/recipient.repository';
import { CityDigestRepository } from './city-digest.repository';
import { isoWeekBefore } from './iso-week';

/**
 * The weekly city digest of a hub: reporting's figures for the week that ended (suppressed; version 2
 * of `reporting.get-digest-figures`: jobs, activity, jobs per month and the target), kept
 * once per (hub, ISO week) — the unique row decides, so a second run, a second instance or a
 * restart sends nothing more — then told to the hub's city staff and hub admins by their choice
 * for `city-digest` (in the app, and by e-mail unless they switched it off).
 */
/** Who reads a hub's city digest. */
export const CITY_DIGEST_READERS: readonly HubRole[] = ['city_staff', 'hub_admin'];

@Injectable()
export class CityDigestService {
  private readonly logger = new Logger(CityDigestService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly digests: CityDigestRepository,
    private readonly requests: RequestClient,
    private readonly alerts: Alerts,
    private readonly recipients: RecipientRepository,
  ) {}

  /** Answers the digest's id, or null when the week's digest was built already. */
  async build(hubId: string, due: Date): Promise<string | null> {
    const week = isoWeekBefore(due);
    if (await this.digests.exists(hubId, week)) return null;
    const correlationId = `city-digest-${hubId}-${week}`;
    // No token of its own: the request client signs it with the service's token.
    const figures = await this.requests.send(GetDigestFiguresV2, { token: null, hubId, correlationId, data: { week } });
    return this.dataSource.transaction(async (manager) => {
      const digest = await this.digests.addOnce(manager, hubId, week, figures);
      if (!digest) return null;
      const readers = await this.recipients.withAnyHubRole(manager, hubId, CITY_DIGEST_READERS);
      const source = { id: digest.id, type: 'notifications.city-digest', hubId, occurredAt: digest.createdAt.toISOString() };
      await this.alerts.tell(manager, { source, recipients: readers, category: 'city-digest', kind: 'city-digest', params: { digestId: digest.id, week }, link: `/digests/${digest.id}` });
      this.logger.log(`city digest ${week} of hub ${hubId}: ${readers.length} reader(s)`);
      return digest.id;
    });
  }
}
