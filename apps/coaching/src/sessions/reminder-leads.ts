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

  /** Sets the hub's lead times (largest first). */
  async put(manager: EntityManager, hubId: string, leads: number[], by: string): Promise<number[]> {
    const sorted = [...leads].sort((a, b) => b - a);
    await manager.upsert(HubReminderSetting, { hubId, sessionLeadMinutes: sorted, updatedAt: new Date(), updatedBy: by }, ['hubId']);
    return sorted;
  }
}
