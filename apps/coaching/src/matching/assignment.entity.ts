import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ASSIGNMENT_STATUSES, AssignmentStatus, sqlOneOf } from '@cirkel/contracts';
import { Mentor } from '../mentors/mentor.entity';
import { CoachedIdea } from './coached-idea.entity';

/** A mentor proposed for an idea, and what became of it. */
@Entity('assignment')
@Check('assignment_status_check', sqlOneOf('status', ASSIGNMENT_STATUSES))
@Index('assignment_idea_idx', ['ideaId'])
@Index('assignment_mentor_idx', ['mentorId', 'status'])
export class Assignment {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'assignment_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('uuid', { name: 'idea_id' })
  @ForeignKey(() => CoachedIdea, { name: 'assignment_idea_id_fkey' })
  ideaId: string;

  @Column('uuid', { name: 'mentor_id' })
  @ForeignKey(() => Mentor, { name: 'assignment_mentor_id_fkey' })
  mentorId: string;

  @Column('text')
  status: AssignmentStatus;

  @Column('timestamptz', { name: 'proposed_at' })
  proposedAt: Date;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;
}
