import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { IDEA_STAGES, IdeaStage, sqlOneOf } from '@cirkel/contracts';
import { Idea } from './idea.entity';

/** One move of an idea through the pipeline (its creation has no `from`): who, when, why. */
@Entity('idea_transition')
@Check('idea_transition_to_check', sqlOneOf('to_stage', IDEA_STAGES))
@Index('idea_transition_idea_idx', ['ideaId', 'at'])
export class IdeaTransition {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'idea_transition_pkey' })
  id: string;

  @Column('uuid', { name: 'idea_id' })
  @ForeignKey(() => Idea, { name: 'idea_transition_idea_id_fkey', onDelete: 'CASCADE' })
  ideaId: string;

  @Column('text', { name: 'from_stage', nullable: true })
  fromStage: IdeaStage | null;

  @Column('text', { name: 'to_stage' })
  toStage: IdeaStage;

  @Column('uuid', { name: 'by_person' })
  byPerson: string;

  @Column('timestamptz')
  at: Date;

  @Column('text', { nullable: true })
  reason: string | null;
}
