import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation's signature of one version of its hub's charter. */
@Entity('charter_signature')
export class CharterSignature {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('integer', { name: 'charter_version' })
  charterVersion: number;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('uuid', { name: 'signed_by' })
  signedBy: string;

  @Column('timestamptz', { name: 'signed_at' })
  signedAt: Date;
}
