import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Language } from '@cirkel/contracts';

/** A person with an account. The e-mail address (lower case) is unique across all hubs: login is by e-mail alone. */
@Entity('person')
export class Person {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'hub_id' })
  hubId: string;

  @Column('text')
  name: string;

  @Column('text')
  email: string;

  /** argon2id, in the PHC string format. */
  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('text')
  language: Language;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;
}
