import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * A person's secret calendar feed: its token sealed (`FeedTokenBox`: with a key outside the
 * database), to show its owner the address again, and the token's SHA-256, by which the feed is
 * found (feeds made before the token was kept have only the hash).
 */
@Entity('calendar_feed')
@Unique('calendar_feed_token_hash_key', ['tokenHash'])
export class CalendarFeed {
  @PrimaryColumn('uuid', { name: 'person_id', primaryKeyConstraintName: 'calendar_feed_pkey' })
  personId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('text', { name: 'token', nullable: true })
  token: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
