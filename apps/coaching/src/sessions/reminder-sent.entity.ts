import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A reminder that went out (its event is in the outbox of the same transaction): the key names the
 * session, lead and start (`session.<id>.<lead>.<start ms>`) or the action item and due day
 * (`action.<id>.<day>`), so a job run twice (a retry, a restart) publishes once.
 */
@Entity('reminder_sent')
export class ReminderSent {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'reminder_sent_pkey' })
  key: string;

  @Column('timestamptz', { name: 'sent_at' })
  sentAt: Date;
}
