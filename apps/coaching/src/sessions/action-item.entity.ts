import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { CoachingSession } from './coaching-session.entity';

/** What a completed session left to do: a description, an owner (the mentor or a participant), a due day. */
@Entity('action_item')
@Index('action_item_session_idx', ['sessionId'])
export class ActionItem {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'action_item_pkey' })
  id: string;

  @Column('uuid', { name: 'session_id' })
  @ForeignKey(() => CoachingSession, { name: 'action_item_session_id_fkey' })
  sessionId: string;

  @Column('text')
  description: string;

  @Column('uuid', { name: 'owner_id' })
  ownerId: string;

  /** A Brussels calendar day (`YYYY-MM-DD`). */
  @Column('date', { name: 'due_on' })
  dueOn: string;

  @Column('timestamptz', { name: 'done_at', nullable: true })
  doneAt: Date | null;
}
