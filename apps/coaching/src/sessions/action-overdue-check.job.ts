import { ActionOverdueCheck, JobData } from '@cirkel/contracts';
import { JobHandler, JobWorker } from '@cirkel/jobs';
import { ReminderFiring } from './reminder-firing.service';

/** The day after an action item's due day: `coaching.action-overdue` if it is still open, or nothing. */
@JobWorker(ActionOverdueCheck, { concurrency: 4 })
export class ActionOverdueCheckJob extends JobHandler<typeof ActionOverdueCheck> {
  constructor(private readonly reminders: ReminderFiring) {
    super();
  }

  protected handle(data: JobData<typeof ActionOverdueCheck>): Promise<{ sent: boolean }> {
    return this.reminders.actionOverdue(data.actionItemId, data.dueOn);
  }
}
