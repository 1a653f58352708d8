import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A coaching session that was held (coaching.session-held), on its Brussels day, with its hours: coaching per period. */
@Entity('held_session')
@Index('held_session_hub_day_idx', ['hubId', 'day'])
export class HeldSession {
  @PrimaryColumn('uuid', { name: 'session_id' })
  sessionId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('uuid', { name: 'idea_id' })
  ideaId: string;

  @Column('date')
  day: string;

  @Column('numeric', { precision: 6, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  hours: number;

  @Column('int', { name: 'participant_count' })
  participantCount: number;
}
