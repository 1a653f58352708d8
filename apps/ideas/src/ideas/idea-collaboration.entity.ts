import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { COLLABORATION_STATUSES, CollaborationStatus, sqlOneOf } from '@cirkel/contracts';
import { Idea } from './idea.entity';

/** An organisation's request to work on an idea, and the lead organisation's answer. One per (idea, organisation). */
@Entity('idea_collaboration')
@Unique('idea_collaboration_idea_organisation_key', ['ideaId', 'organisationId'])
@Check('idea_collaboration_status_check', sqlOneOf('status', COLLABORATION_STATUSES))
@Index('idea_collaboration_organisation_idx', ['organisationId'])
export class IdeaCollaboration {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'idea_collaboration_pkey' })
  id: string;

  @Column('uuid', { name: 'idea_id' })
  @ForeignKey(() => Idea, { name: 'idea_collaboration_idea_id_fkey', onDelete: 'CASCADE' })
  ideaId: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text')
  status: CollaborationStatus;

  @Column('uuid', { name: 'requested_by' })
  requestedBy: string;

  @Column('timestamptz', { name: 'requested_at' })
  requestedAt: Date;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;
}
