import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { PROGRAMME_REGISTRATION_STATUSES, ProgrammeRegistrationStatus, sqlOneOf } from '@cirkel/contracts';

/** A training series of a hub, with a number of places. */
@Entity('programme')
@Index('programme_hub_idx', ['hubId'])
@Check('programme_capacity_check', 'capacity > 0')
export class Programme {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'programme_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text')
  title: string;

  @Column('int')
  capacity: number;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}

/** One afternoon (or evening) of a programme. */
@Entity('programme_session')
@Index('programme_session_programme_idx', ['programmeId'])
export class ProgrammeSession {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'programme_session_pkey' })
  id: string;

  @Column('uuid', { name: 'programme_id' })
  @ForeignKey(() => Programme, { name: 'programme_session_programme_id_fkey' })
  programmeId: string;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('text')
  location: string;
}

/** A person's place in a programme: confirmed, on the waiting list (in order of registration), or cancelled. */
@Entity('registration')
@Check('registration_status_check', sqlOneOf('status', PROGRAMME_REGISTRATION_STATUSES))
@Index('registration_programme_idx', ['programmeId', 'status', 'registeredAt'])
@Index('registration_one_open_idx', ['programmeId', 'personId'], { unique: true, where: "status <> 'cancelled'::text" })
export class Registration {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'registration_pkey' })
  id: string;

  @Column('uuid', { name: 'programme_id' })
  @ForeignKey(() => Programme, { name: 'registration_programme_id_fkey' })
  programmeId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  /** Who registered them: themselves, or their organisation's org_admin. */
  @Column('uuid', { name: 'registered_by' })
  registeredBy: string;

  /** The organisation it was made for: the org_admin's when they registered a colleague, else the person's first membership (null: none). */
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('text')
  status: ProgrammeRegistrationStatus;

  @Column('timestamptz', { name: 'registered_at' })
  registeredAt: Date;

  /** The sessions they attended (recorded by a hub admin). */
  @Column('uuid', { name: 'attended_session_ids', array: true, default: () => "'{}'" })
  attendedSessionIds: string[];
}
