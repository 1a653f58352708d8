import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { NotificationKind } from '../notifications/notification.entity';

/** A message waiting for a person's daily or weekly digest e-mail (once per event and person). */
@Entity('digest_item')
@Unique('digest_item_once', ['sourceEventId', 'personId'])
export class DigestItem {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('text')
  rhythm: 'daily' | 'weekly';

  @Column('text')
  kind: NotificationKind;

  @Column('jsonb')
  params: Record<string, string>;

  @Column('text')
  link: string;

  @Column('uuid', { name: 'source_event_id' })
  sourceEventId: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  /** The digest e-mail that carried it; null while it waits. */
  @Column('uuid', { name: 'digest_message_id', nullable: true })
  digestMessageId: string | null;
}
