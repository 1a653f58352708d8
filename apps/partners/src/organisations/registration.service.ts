import { Injectable, Logger } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { MemberJoined, OrganisationRegistered, RegisterOrganisation, RegistrationView, InputOf } from '@cirkel/contracts';
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

/** An organisation registers as a partner (pending until a hub admin approves it); its person becomes its first org admin. */
@Injectable()
export class RegistrationService {
  private readonly logger = new Logger(RegistrationService.name);

  constructor(
    private readonly hubs: HubService,
    private readonly organisations: OrganisationRepository,
    private readonly people: PersonRepository,
    private readonly memberships: MembershipRepository,
    private readonly hasher: PasswordHasher,
    private readonly unitOfWork: UnitOfWork,
    private readonly organisationViews: OrganisationViews,
    private readonly personViews: PersonViews,
  ) {}

  async register(data: InputOf<typeof RegisterOrganisation>, correlationId: string): Promise<RegistrationView> {
    const hub = await this.hubs.bySlug(data.hub);
    const enterpriseNumber = data.organisation.enterpriseNumber ?? null;
    // Checked before the (slow) password hash; the unique constraints settle races.
    if (enterpriseNumber && (await this.organisations.enterpriseNumberTaken(hub.id, enterpriseNumber))) throw new EnterpriseNumberTaken();
    if (await this.people.emailExists(data.person.email)) throw new EmailTaken();
    const passwordHash = await this.hasher.hash(data.person.password);

    const now = new Date();
    const organisation: Organisation = {
      id: uuidv7(),
      hubId: hub.id,
      name: data.organisation.name,
      type: data.organisation.type,
      enterpriseNumber,
      workDomains: data.organisation.workDomains,
      status: 'pending',
      createdAt: now,
      approvedAt: null,
      approvedBy: null,
      rejectedAt: null,
      rejectedBy: null,
      rejectionReason: null,
    };
    const person: Person = {
      id: uuidv7(),
      hubId: hub.id,
      name: data.person.name,
      email: data.person.email,
      passwordHash,
      language: data.person.language,
      createdAt: now,
    };
    const context = personCause(person.id, correlationId);
    try {
      await this.unitOfWork.run(async (tx) => {
        await this.organisations.insert(organisation, tx.manager);
        await this.people.insert(person, tx.manager);
        await this.memberships.insert({ hubId: hub.id, personId: person.id, organisationId: organisation.id, role: 'org_admin', createdAt: now }, tx.manager);
        tx.publish(
          OrganisationRegistered,
          hub.id,
          {
            organisationId: organisation.id,
            name: organisation.name,
            type: organisation.type,
            enterpriseNumber,
            workDomains: organisation.workDomains,
            status: 'pending',
            registeredBy: { personId: person.id, name: person.name },
          },
          context,
        );
        tx.publish(MemberJoined, hub.id, { organisationId: organisation.id, personId: person.id, name: person.name, language: person.language, role: 'org_admin' }, context);
      });
    } catch (error) {
      if (isUniqueViolation(error, ENTERPRISE_NUMBER_CONSTRAINT)) throw new EnterpriseNumberTaken();
      if (isUniqueViolation(error, EMAIL_CONSTRAINT)) throw new EmailTaken();
      throw error;
    }
    this.logger.log(`${organisation.name} (${organisation.id}) registered in ${hub.slug}`);

    const personView = await this.personViews.one(person);
    return { organisation: await this.organisationViews.one(organisation, asCaller(personView)), person: personView };
  }
}
