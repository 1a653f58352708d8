import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A person's secret calendar feed: only the SHA-256 of its token is kept. */
@Entity('calendar_feed')
@Unique('calendar_feed_token_hash_key', ['tokenHash'])
export class CalendarFeed {
  @PrimaryColumn('uuid', { name: 'person_id', primaryKeyConstraintName: 'calendar_feed_pkey' })
  personId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
