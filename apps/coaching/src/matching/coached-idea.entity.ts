import { Column, Entity, PrimaryColumn } from 'typeorm';
import { WorkDomain } from '@cirkel/contracts';

/** A submitted idea, as coaching learnt it from `ideas.submitted`: what matching needs. */
@Entity('coached_idea')
export class CoachedIdea {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'coached_idea_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text')
  title: string;

  @Column('text', { name: 'work_domain' })
  workDomain: WorkDomain;

  @Column('uuid', { name: 'lead_organisation_id' })
  leadOrganisationId: string;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt: Date;
}
