import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { ORGANISATION_ROLES, OrganisationRole, sqlOneOf } from '@cirkel/contracts';
import { Hub } from '../hubs/hub.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Person } from '../people/person.entity';

/** An invitation to join an organisation. Only a SHA-256 of its token is kept, never the token. */
@Entity('invitation')
@Unique('invitation_token_hash_key', ['tokenHash'])
@Check('invitation_email_check', 'email = lower(email)')
@Check('invitation_role_check', sqlOneOf('role', ORGANISATION_ROLES))
@Check('invitation_token_hash_check', `token_hash ~ '^[0-9a-f]{64}$'`)
@Index('invitation_organisation_idx', ['organisationId'])
export class Invitation {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'invitation_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  @ForeignKey(() => Hub, { name: 'invitation_hub_id_fkey' })
  hubId: string;

  @Column('uuid', { name: 'organisation_id' })
  @ForeignKey(() => Organisation, { name: 'invitation_organisation_id_fkey', onDelete: 'CASCADE' })
  organisationId: string;

  @Column('text')
  email: string;

  @Column('text')
  role: OrganisationRole;

  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;

  @Column('uuid', { name: 'accepted_by', nullable: true })
  @ForeignKey(() => Person, { name: 'invitation_accepted_by_fkey' })
  acceptedBy: string | null;

  @Column('uuid', { name: 'created_by' })
  @ForeignKey(() => Person, { name: 'invitation_created_by_fkey' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('uuid', { name: 'revoked_by', nullable: true })
  @ForeignKey(() => Person, { name: 'invitation_revoked_by_fkey' })
  revokedBy: string | null;
}
