import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A registration for a programme as reporting knows it from coaching.registration-changed: when it was made, and its status now (newest version wins). */
@Entity('programme_registration')
@Index('programme_registration_hub_day_idx', ['hubId', 'registeredOn'])
export class ProgrammeRegistration {
  @PrimaryColumn('uuid', { name: 'registration_id' })
  registrationId: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  /** confirmed, waitlisted, cancelled or promoted. */
  @Column('text')
  status: string;

  /** The Brussels day of the event that made it (confirmed or waitlisted); null until that event has arrived. */
  @Column('date', { name: 'registered_on', nullable: true })
  registeredOn: string | null;

  @Column('integer', { default: 0 })
  version: number;
}
