import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An in-app notification for one person. Its text is rendered in the reader's language when read. */
@Entity('notification')
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

export type NotificationKind = 'organisation-registered';
