import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ContractType, Sector } from '@cirkel/contracts';

/** A job an idea created for a participant. FTE is hours per week / 38. */
@Entity('placement')
@Index('placement_participant_idx', ['participantId'])
@Index('placement_hub_start_idx', ['hubId', 'startDate'])
export class Placement {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('uuid', { name: 'participant_id' })
  participantId: string;

  @Column('uuid', { name: 'idea_id' })
  ideaId: string;

  @Column('uuid', { name: 'employer_organisation_id' })
  employerOrganisationId: string;

  @Column('text')
  sector: Sector;

  @Column('text', { name: 'contract_type' })
  contractType: ContractType;

  @Column('numeric', { name: 'hours_per_week', precision: 5, scale: 2, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  hoursPerWeek: number;

  @Column('date', { name: 'start_date' })
  startDate: string;

  @Column('date', { name: 'end_date', nullable: true })
  endDate: string | null;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt: Date;

  @Column('uuid', { name: 'recorded_by' })
  recordedBy: string;
}
