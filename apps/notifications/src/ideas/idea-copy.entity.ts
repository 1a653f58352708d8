import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What notifications knows of an idea, from ideas' events: its title and its organisations (to say what moved, and to whom). */
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

  /** Collaborating organisations (`ideas.collaborator-joined`): added, never removed (ideas has no leaving yet). */
  @Column('uuid', { name: 'collaborator_ids', array: true })
  collaboratorIds: string[];
}
