import { Column, Entity, PrimaryColumn } from 'typeorm';
import { EmailRhythm, NotificationCategory } from '@cirkel/contracts';

/** A person's choice for one category; a category without a row has its defaults (`CATEGORY_DEFAULTS`). */
@Entity('notification_preference')
export class NotificationPreference {
  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @PrimaryColumn('text')
  category: NotificationCategory;

  @Column('boolean', { name: 'in_app' })
  inApp: boolean;

  @Column('text')
  email: EmailRhythm;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
