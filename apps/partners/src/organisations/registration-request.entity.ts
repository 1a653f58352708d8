import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { Language, OrganisationType, WorkDomain } from '@cirkel/contracts';
import { Hub } from '../hubs/hub.entity';

/** What a registration asks to create, kept until its address confirms it. */
export interface RequestedOrganisation {
  name: string;
  type: OrganisationType;
  enterpriseNumber: string | null;
  workDomains: WorkDomain[];
}

/**
 * A registration waiting for its address to be confirmed: nothing exists in the hub until the
 * link e-mailed to the address is opened, so an address cannot be claimed by someone else.
 * Only a SHA-256 of the link's token is kept.
 */
@Entity('registration_request')
@Unique('registration_request_token_hash_key', ['tokenHash'])
@Check('registration_request_email_check', 'email = lower(email)')
@Check('registration_request_token_hash_check', `token_hash ~ '^[0-9a-f]{64}$'`)
@Index('registration_request_expires_idx', ['expiresAt'])
export class RegistrationRequest {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'registration_request_pkey' })
  id: string;

  @Column('uuid', { name: 'hub_id' })
  @ForeignKey(() => Hub, { name: 'registration_request_hub_id_fkey' })
  hubId: string;

  @Column('text')
  email: string;

  @Column('text', { name: 'token_hash' })
  tokenHash: string;

  @Column('jsonb')
  organisation: RequestedOrganisation;

  @Column('text', { name: 'person_name' })
  personName: string;

  @Column('text')
  language: Language;

  /** argon2id of the password given at registration: the password itself is never kept. */
  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  confirmedAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
