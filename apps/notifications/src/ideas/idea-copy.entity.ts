import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What notifications knows of an idea, from `ideas.submitted`: its title (to say what moved). Its partners: `idea_update`. */
@Entity('idea_copy')
export class IdeaCopy {
  @PrimaryColumn('uuid', { name: 'idea_id' })
  ideaId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text')
  title: string;

  @Column('uuid', { name: 'lead_organisation_id' })
  leadOrganisationId: string;
}
