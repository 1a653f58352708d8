import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** An in-app notification for one person. Its text is rendered in the reader's language when read. */
@Entity('notification')
@Unique('notification_once_per_event', ['sourceEventId', 'recipientId'])
// (recipient_id, created_at DESC, id DESC): descending keys, which entity metadata cannot describe.
@Index('notification_inbox_idx', { synchronize: false })
export class Notification {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('uuid', { name: 'recipient_id' })
  recipientId: string;

  @Column('text')
  kind: NotificationKind;

  @Column('jsonb')
  params: Record<string, string>;

  @Column('text', { nullable: true })
  link: string | null;

  @Column('uuid', { name: 'source_event_id' })
  sourceEventId: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;
}

export type NotificationKind = 'organisation-registered' | 'idea-submitted' | 'assignment-proposed' | 'session-reminder-due' | 'action-overdue' | 'city-digest' | 'registration-promoted' | 'idea-stage-changed' | 'collaborator-joined' | 'charter-published' | 'organisation-change-proposed';
