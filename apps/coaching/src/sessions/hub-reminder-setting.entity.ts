import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A hub's own session reminder lead times; a hub without one has the configured default (`COACHING_REMINDER_LEADS_MINUTES`). */
@Entity('hub_reminder_setting')
@Check('hub_reminder_setting_leads_check', 'cardinality(session_lead_minutes) BETWEEN 1 AND 5')
export class HubReminderSetting {
  @PrimaryColumn('uuid', { name: 'hub_id', primaryKeyConstraintName: 'hub_reminder_setting_pkey' })
  hubId: string;

  /** Minutes before a session's start, largest first, distinct. */
  @Column('int', { name: 'session_lead_minutes', array: true })
  sessionLeadMinutes: number[];

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('uuid', { name: 'updated_by' })
  updatedBy: string;
}
