import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CanvasView, CIRCULAR_STRATEGIES, CircularStrategy, IDEA_STAGES, IdeaStage, sqlOneOf, sqlSubsetOf, WORK_DOMAINS, WorkDomain } from '@cirkel/contracts';

/** A circular idea of a hub, led by a partner organisation. */
@Entity('idea')
@Check('idea_stage_check', sqlOneOf('stage', IDEA_STAGES))
@Check('idea_work_domain_check', sqlOneOf('work_domain', WORK_DOMAINS))
@Check('idea_strategies_check', sqlSubsetOf('strategies', CIRCULAR_STRATEGIES))
@Check('idea_jobs_check', 'expected_jobs_regular >= 0 AND expected_jobs_social >= 0')
@Index('idea_hub_idx', ['hubId', 'id'])
@Index('idea_lead_idx', ['leadOrganisationId'])
// Dutch full-text search over title and summary: an expression index the migration owns.
@Index('idea_search_idx', { synchronize: false })
export class Idea {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'idea_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('uuid', { name: 'lead_organisation_id' })
  leadOrganisationId: string;

  @Column('text')
  title: string;

  @Column('text')
  summary: string;

  @Column('text', { name: 'work_domain' })
  workDomain: WorkDomain;

  @Column('text', { array: true })
  strategies: CircularStrategy[];

  @Column('int', { array: true })
  sdgs: number[];

  @Column('int', { name: 'expected_jobs_regular' })
  expectedJobsRegular: number;

  @Column('int', { name: 'expected_jobs_social' })
  expectedJobsSocial: number;

  @Column('jsonb', { nullable: true })
  canvas: CanvasView | null;

  @Column('text')
  stage: IdeaStage;

  /** Whether a mentor has accepted the idea (from coaching's events, when coaching has them). */
  @Column('boolean', { name: 'has_accepted_mentor', default: false })
  hasAcceptedMentor: boolean;

  /** The mentor who accepted the idea last (coaching's assignment-accepted), and the version of the idea's coaching that said so: an older event never overwrites it. */
  @Column('uuid', { name: 'mentor_id', nullable: true })
  mentorId: string | null;

  @Column('text', { name: 'mentor_name', nullable: true })
  mentorName: string | null;

  @Column('int', { name: 'mentor_version', default: 0 })
  mentorVersion: number;

  @Column('uuid', { name: 'created_by' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
