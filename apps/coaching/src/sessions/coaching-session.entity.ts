import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { SESSION_STATUSES, SessionStatus, sqlOneOf } from '@cirkel/contracts';
import { Assignment } from '../matching/assignment.entity';

/** A coaching session of an assignment: planned, then held (completed by the mentor) or cancelled. */
@Entity('coaching_session')
@Check('coaching_session_status_check', sqlOneOf('status', SESSION_STATUSES))
@Check('coaching_session_duration_check', 'duration_minutes > 0')
@Index('coaching_session_assignment_idx', ['assignmentId'])
@Index('coaching_session_mentor_idx', ['mentorId', 'startsAt'])
@Index('coaching_session_idea_idx', ['ideaId', 'startsAt', 'id'])
@Index('coaching_session_participants_idx', { synchronize: false })
export class CoachingSession {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'coaching_session_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('uuid', { name: 'assignment_id' })
  @ForeignKey(() => Assignment, { name: 'coaching_session_assignment_id_fkey' })
  assignmentId: string;

  @Column('uuid', { name: 'idea_id' })
  ideaId: string;

  @Column('uuid', { name: 'mentor_id' })
  mentorId: string;

  /** Members of the idea's lead organisation taking part (the mentor not among them). */
  @Column('uuid', { name: 'participant_ids', array: true })
  participantIds: string[];

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('int', { name: 'duration_minutes' })
  durationMinutes: number;

  @Column('text')
  place: string;

  @Column('text')
  status: SessionStatus;

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  @Column('text', { default: '' })
  notes: string;

  @Column('timestamptz', { name: 'held_at', nullable: true })
  heldAt: Date | null;

  /** Its revision as calendars count it (iCalendar SEQUENCE): 0 when planned, one more at each move and at its cancellation. */
  @Column('int', { default: 0 })
  sequence: number;
}
