import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, InputOf, PutReminderSettings, ReminderSettingsView } from '@cirkel/contracts';
import { ReminderLeads } from './reminder-leads';
import { ReminderScheduler } from './reminder-scheduler.service';

/** A hub admin's view and choice of the hub's session reminder lead times. */
@Injectable()
export class ReminderSettingsService {
  private readonly logger = new Logger(ReminderSettingsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly leads: ReminderLeads,
    private readonly scheduler: ReminderScheduler,
  ) {}

  async get(caller: Caller): Promise<ReminderSettingsView> {
    const { leads, isDefault } = await this.leads.of(this.dataSource.manager, caller.hubId);
    return { sessionLeadMinutes: leads, isDefault };
  }

  /**
   * Sets the lead times and, in the same transaction, the reminder rows of the hub's planned sessions
   * at them (rows at lead times no longer the hub's deleted, a lead already past skipped); then queues
   * the buckets within the horizon (after the commit: a job due at once must find the rows). If Redis
   * cannot take them now, the next sweep (every minute) queues them.
   */
  async put(caller: Caller, data: InputOf<typeof PutReminderSettings>): Promise<ReminderSettingsView> {
    const { leads, added } = await this.dataSource.transaction(async (manager) => {
      const sorted = await this.leads.put(manager, caller.hubId, data.sessionLeadMinutes, caller.personId);
      return { leads: sorted, added: await this.scheduler.rescheduleHub(manager, caller.hubId) };
    });
    this.logger.log(`hub ${caller.hubId}: reminders ${leads.join(', ')} minutes before; ${added} reminders of its planned sessions written`);
    try {
      await this.scheduler.queueHorizon();
    } catch (error) {
      this.logger.warn(`hub ${caller.hubId}: reminders not queued now (${(error as Error).message}); the next sweep queues them`);
    }
    return { sessionLeadMinutes: leads, isDefault: false };
  }
}
