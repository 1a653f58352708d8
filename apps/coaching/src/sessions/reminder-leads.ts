import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CIRKEL_CONFIG, CoachingConfig } from '@cirkel/config';
import { HubReminderSetting } from './hub-reminder-setting.entity';

/**
 * When session reminders go out, per hub: the hub's own lead times (minutes before the start, set by
 * a hub admin), or the configured default (`COACHING_REMINDER_LEADS_MINUTES`, 24 h and 1 h).
 */
@Injectable()
export class ReminderLeads {
  constructor(@Inject(CIRKEL_CONFIG) private readonly config: CoachingConfig) {}

  /** The configured default, for hubs without lead times of their own. */
  get defaults(): number[] {
    return this.config.coaching.reminderLeadsMinutes;
  }

  /** The hub's lead times, and whether they are the default. */
  async of(manager: EntityManager, hubId: string): Promise<{ leads: number[]; isDefault: boolean }> {
    const own = await manager.findOneBy(HubReminderSetting, { hubId });
    return own ? { leads: own.sessionLeadMinutes, isDefault: false } : { leads: this.defaults, isDefault: true };
  }

  /** Every hub's own lead times (for the start-up scan); a hub not in it has the default. */
  async all(manager: EntityManager): Promise<(hubId: string) => number[]> {
    const own = new Map((await manager.find(HubReminderSetting)).map((s) => [s.hubId, s.sessionLeadMinutes]));
    return (hubId) => own.get(hubId) ?? this.defaults;
  }

  /**
   * In a transaction that plans, moves, cancels or completes a session of the hub, before it locks
   * the session: holds the hub's lead times until the commit (an advisory lock, shared: sessions do
   * not wait for each other). A plan read the old lead times while a hub admin's new ones, committed
   * meanwhile, rewrote the hub's rows without the session not yet committed: it had reminders at
   * lead times no longer the hub's, none sent. A row lock on `hub_reminder_setting` would not do:
   * a hub on the default has no row. Taken first, before the session's lock, always: the change of
   * lead times (exclusive, then rows and sessions' keys) never waits in a circle with it.
   */
  async holdForSession(manager: EntityManager, hubId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock_shared(${HUB_LEADS_LOCK})`, [hubId]);
  }

  /** Sets the hub's lead times (largest first), once no session of the hub is being written (`holdForSession`), and keeps others from starting until the commit. */
  async put(manager: EntityManager, hubId: string, leads: number[], by: string): Promise<number[]> {
    await manager.query(`SELECT pg_advisory_xact_lock(${HUB_LEADS_LOCK})`, [hubId]);
    const sorted = [...leads].sort((a, b) => b - a);
    await manager.upsert(HubReminderSetting, { hubId, sessionLeadMinutes: sorted, updatedAt: new Date(), updatedBy: by }, ['hubId']);
    return sorted;
  }
}

/** The advisory lock of a hub's lead times, named within the service's schema (another deployment or test run on the database has its own). */
const HUB_LEADS_LOCK = `hashtext(current_schema() || ':coaching.hub-leads:' || $1)`;
