import { v7 as uuidv7 } from 'uuid';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { ConfirmRegistration, MemberJoined, OrganisationRegistered, RegisterOrganisation, RegistrationReceivedView, RegistrationView, InputOf } from '@cirkel/contracts';
import { Transaction } from '@cirkel/messaging';
import { UnitOfWork } from '@cirkel/messaging';
import { isUniqueViolation } from '@cirkel/persistence';
import { personCause } from '@cirkel/messaging';
import { HubService } from '../hubs/hub.service';
import { MembershipRepository } from '../people/membership.repository';
import { PasswordHasher } from '../people/password-hasher';
import { EmailTaken } from '../people/people.errors';
import { Person } from '../people/person.entity';
import { EMAIL_CONSTRAINT, PersonRepository } from '../people/person.repository';
import { asCaller, PersonViews } from '../people/person-views';
import { Organisation } from './organisation.entity';
import { EnterpriseNumberTaken } from './organisation.errors';
import { ENTERPRISE_NUMBER_CONSTRAINT, OrganisationRepository } from './organisation.repository';
import { OrganisationViews } from './organisation-views';
import { hashSecretToken, newSecretToken, secretLink } from '../common/secret-token';
import { EmailDeliveries } from '../mail/email-deliveries';
import { RegistrationRequest, RequestedOrganisation } from './registration-request.entity';
import { RegistrationRequestRepository } from './registration-request.repository';
import { RegistrationConfirmed, RegistrationExpired, RegistrationUnknown } from './registration.errors';

/** Hours a registration waits for its address to be confirmed. */
export const REGISTRATION_VALID_HOURS = 48;

interface NewPerson {
  name: string;
  email: string;
  language: RegistrationRequest['language'];
  passwordHash: string;
}

/**
 * An organisation registers as a partner (pending until a hub admin approves it); its person becomes
 * its first org admin — once the person has opened the link e-mailed to their address, so that no
 * one registers with an address that is not theirs.
 */
@Injectable()
export class RegistrationService {
  private readonly logger = new Logger(RegistrationService.name);

  constructor(
    @Inject(CIRKEL_CONFIG) private readonly config: CirkelConfig,
    private readonly hubs: HubService,
    private readonly organisations: OrganisationRepository,
    private readonly people: PersonRepository,
    private readonly memberships: MembershipRepository,
    private readonly requests: RegistrationRequestRepository,
    private readonly hasher: PasswordHasher,
    private readonly unitOfWork: UnitOfWork,
    private readonly mail: EmailDeliveries,
    private readonly organisationViews: OrganisationViews,
    private readonly personViews: PersonViews,
  ) {}

  /**
   * Keeps the registration and e-mails its address a confirmation link. The answer is the same
   * whether or not the address has an account (its owner is e-mailed instead, without a link), and
   * both ways pay the password hash, so neither the answer nor its time tells which addresses exist.
   */
  async register(data: InputOf<typeof RegisterOrganisation>, _correlationId: string): Promise<RegistrationReceivedView> {
    const hub = await this.hubs.bySlug(data.hub);
    const organisation = requestedOrganisation(data);
    // Enterprise numbers are public (KBO): saying one is taken tells nothing about a person.
    if (organisation.enterpriseNumber && (await this.organisations.enterpriseNumberTaken(hub.id, organisation.enterpriseNumber))) throw new EnterpriseNumberTaken();
    const passwordHash = await this.hasher.hash(data.person.password);
    const token = newSecretToken();
    const now = new Date();
    await this.unitOfWork.run(async (tx) => {
      const existing = await this.people.findByEmail(data.person.email, tx.manager);
      if (existing) {
        // Told at most once per MAIL_INTERVAL_MINUTES: registrations cannot e-mail a chosen person over and over.
        if (await this.mail.sentRecently('registration-for-existing-account', existing.id, now, tx.manager)) return;
        await this.mail.queue(tx, { hubId: hub.id, kind: 'registration-for-existing-account', to: existing.email, language: existing.language, aboutId: existing.id, link: null });
        return;
      }
      const request: RegistrationRequest = {
        id: uuidv7(),
        hubId: hub.id,
        email: data.person.email,
        tokenHash: hashSecretToken(token),
        organisation,
        personName: data.person.name,
        language: data.person.language,
        passwordHash,
        expiresAt: new Date(now.getTime() + REGISTRATION_VALID_HOURS * 3_600_000),
        confirmedAt: null,
        createdAt: now,
      };
      await this.requests.insert(request, tx.manager);
      await this.mail.queue(tx, { hubId: hub.id, kind: 'registration-confirmation', to: request.email, language: request.language, aboutId: request.id, link: secretLink(this.config.http.publicUrl, 'registrations/confirm', token) });
    });
    return { email: data.person.email, status: 'confirmation-sent' };
  }

  /** The address's owner opened the link: the organisation and its first person come into being, once. */
  async confirm(data: InputOf<typeof ConfirmRegistration>, correlationId: string): Promise<RegistrationView> {
    const tokenHash = hashSecretToken(data.token);
    usable(await this.requests.findByTokenHash(tokenHash), new Date());
    return this.creating(async (tx) => {
      const request = usable(await this.requests.findByTokenHashForUpdate(tokenHash, tx.manager), new Date());
      const created = await this.create(tx, request.hubId, request.organisation, { name: request.personName, email: request.email, language: request.language, passwordHash: request.passwordHash }, correlationId);
      await this.requests.markConfirmed(request.id, new Date(), tx.manager);
      return created;
    });
  }

  /** Registers and confirms at once, for the demo seed: its addresses are the hub's own. */
  async registerConfirmed(data: InputOf<typeof RegisterOrganisation>, correlationId: string): Promise<RegistrationView> {
    const hub = await this.hubs.bySlug(data.hub);
    const passwordHash = await this.hasher.hash(data.person.password);
    return this.creating((tx) => this.create(tx, hub.id, requestedOrganisation(data), { ...data.person, passwordHash }, correlationId));
  }

  /** Runs a creation in a transaction and answers its view; the unique constraints settle races. */
  private async creating(work: (tx: Transaction) => Promise<{ organisation: Organisation; person: Person }>): Promise<RegistrationView> {
    let created: { organisation: Organisation; person: Person };
    try {
      created = await this.unitOfWork.run(work);
    } catch (error) {
      if (isUniqueViolation(error, ENTERPRISE_NUMBER_CONSTRAINT)) throw new EnterpriseNumberTaken();
      if (isUniqueViolation(error, EMAIL_CONSTRAINT)) throw new EmailTaken();
      throw error;
    }
    const personView = await this.personViews.one(created.person);
    return { organisation: await this.organisationViews.one(created.organisation, asCaller(personView)), person: personView };
  }

  private async create(tx: Transaction, hubId: string, requested: RequestedOrganisation, newPerson: NewPerson, correlationId: string): Promise<{ organisation: Organisation; person: Person }> {
    if (await this.people.emailExists(newPerson.email, tx.manager)) throw new EmailTaken();
    if (requested.enterpriseNumber && (await this.organisations.enterpriseNumberTaken(hubId, requested.enterpriseNumber, undefined, tx.manager))) throw new EnterpriseNumberTaken();
    const now = new Date();
    const organisation: Organisation = {
      id: uuidv7(),
      hubId,
      ...requested,
      status: 'pending',
      createdAt: now,
      proposedChange: null,
      approvedAt: null,
      approvedBy: null,
      rejectedAt: null,
      rejectedBy: null,
      rejectionReason: null,
    };
    const person: Person = { id: uuidv7(), hubId, ...newPerson, createdAt: now };
    const context = personCause(person.id, correlationId);
    await this.organisations.insert(organisation, tx.manager);
    await this.people.insert(person, tx.manager);
    await this.memberships.insert({ hubId, personId: person.id, organisationId: organisation.id, role: 'org_admin', createdAt: now }, tx.manager);
    tx.publish(
      OrganisationRegistered,
      hubId,
      {
        organisationId: organisation.id,
        name: organisation.name,
        type: organisation.type,
        enterpriseNumber: organisation.enterpriseNumber,
        workDomains: organisation.workDomains,
        status: 'pending',
        registeredBy: { personId: person.id, name: person.name },
      },
      context,
    );
    tx.publish(MemberJoined, hubId, { organisationId: organisation.id, personId: person.id, name: person.name, language: person.language, role: 'org_admin' }, context);
    this.logger.log(`${organisation.name} (${organisation.id}) registered`);
    return { organisation, person };
  }
}

function requestedOrganisation(data: InputOf<typeof RegisterOrganisation>): RequestedOrganisation {
  return { name: data.organisation.name, type: data.organisation.type, enterpriseNumber: data.organisation.enterpriseNumber ?? null, workDomains: data.organisation.workDomains };
}

function usable(request: RegistrationRequest | null, now: Date): RegistrationRequest {
  if (!request) throw new RegistrationUnknown();
  if (request.confirmedAt) throw new RegistrationConfirmed();
  if (request.expiresAt.getTime() <= now.getTime()) throw new RegistrationExpired();
  return request;
}
