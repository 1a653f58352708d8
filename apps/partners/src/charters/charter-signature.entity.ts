import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { Person } from '../people/person.entity';
import { Charter } from './charter.entity';

/** An organisation's signature of one version of its hub's charter. */
@Entity('charter_signature')
@ForeignKey(() => Charter, ['hubId', 'charterVersion'], ['hubId', 'version'], { name: 'charter_signature_charter_fkey' })
export class CharterSignature {
  @PrimaryColumn('uuid', { name: 'organisation_id', primaryKeyConstraintName: 'charter_signature_pkey' })
  @ForeignKey(() => Organisation, { name: 'charter_signature_organisation_id_fkey', onDelete: 'CASCADE' })
  organisationId: string;

  @PrimaryColumn('integer', { name: 'charter_version', primaryKeyConstraintName: 'charter_signature_pkey' })
  charterVersion: number;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('uuid', { name: 'signed_by' })
  @ForeignKey(() => Person, { name: 'charter_signature_signed_by_fkey' })
  signedBy: string;

  @Column('timestamptz', { name: 'signed_at', default: () => 'now()' })
  signedAt: Date;
}
