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
   * Sets the lead times, then queues the reminders of the hub's planned sessions at them (after the
   * commit: a job due at once must find them). If Redis cannot take them now, the next start of
   * coaching queues them; reminders at lead times no longer the hub's are removed, and send nothing
   * if they stay.
   */
  async put(caller: Caller, data: InputOf<typeof PutReminderSettings>): Promise<ReminderSettingsView> {
    const previous = await this.leads.of(this.dataSource.manager, caller.hubId);
    const leads = await this.leads.put(this.dataSource.manager, caller.hubId, data.sessionLeadMinutes, caller.personId);
    try {
      const sessions = await this.scheduler.rescheduleHub(caller.hubId, previous.leads);
      this.logger.log(`hub ${caller.hubId}: reminders ${leads.join(', ')} minutes before; ${sessions} planned sessions queued again`);
    } catch (error) {
      this.logger.warn(`hub ${caller.hubId}: reminders not queued again now (${(error as Error).message}); the next start of coaching queues them`);
    }
    return { sessionLeadMinutes: leads, isDefault: false };
  }
}
