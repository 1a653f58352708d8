import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A partner organisation as reporting knows it from `partners.*`: its type (for partners by type) and status. */
@Entity('known_organisation')
@Index('reporting_known_organisation_hub_idx', ['hubId'])
export class KnownOrganisation {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  /** From organisation-registered or -updated; null while only an approval has arrived. */
  @Column('text', { nullable: true })
  type: string | null;

  @Column('text')
  status: string;

  @Column('integer', { default: 0 })
  version: number;

  /** The version of the newest fact that named the type (an approval names none). */
  @Column('integer', { name: 'type_version', default: 0 })
  typeVersion: number;

  /** The Brussels day of organisation-registered: new partners per period. */
  @Column('date', { name: 'registered_on', nullable: true })
  registeredOn: string | null;

  /** The Brussels day of organisation-approved. */
  @Column('date', { name: 'approved_on', nullable: true })
  approvedOn: string | null;
}
