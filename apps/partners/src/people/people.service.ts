import { Injectable, Logger } from '@nestjs/common';
import { RoleDirectory } from '@cirkel/auth';
import { v7 as uuidv7 } from 'uuid';
import { Caller, HUB_ROLES, HubRole, Language, ListPeople, MemberJoined, OrganisationRole, Page, PersonView, InputOf, RolesChanged } from '@cirkel/contracts';
import { Cause, UnitOfWork } from '@cirkel/messaging';
import { isUniqueViolation } from '@cirkel/persistence';
import { decodeCursor, slicePage } from '../common/cursor';
import { HubRoleRepository } from './hub-role.repository';
import { MembershipRepository } from './membership.repository';
import { PasswordHasher } from './password-hasher';
import { EmailTaken } from './people.errors';
import { Person } from './person.entity';
import { EMAIL_CONSTRAINT, PersonRepository } from './person.repository';
import { PersonViews } from './person-views';

export interface NewStaffMember {
  name: string;
  email: string;
  password: string;
  language: Language;
}

@Injectable()
export class PeopleService {
  private readonly logger = new Logger(PeopleService.name);

  constructor(
    private readonly people: PersonRepository,
    private readonly hubRoles: HubRoleRepository,
    private readonly hasher: PasswordHasher,
    private readonly unitOfWork: UnitOfWork,
    private readonly personViews: PersonViews,
    private readonly memberships: MembershipRepository,
    private readonly roles: RoleDirectory,
  ) {}

  /** Hub admins only; `role` is a hub role or an organisation role. */
  async list(caller: Caller, query: InputOf<typeof ListPeople>): Promise<Page<PersonView>> {
    const isHubRole = (HUB_ROLES as readonly string[]).includes(query.role ?? '');
    const rows = await this.people.page(caller.hubId, {
      hubRole: isHubRole ? (query.role as HubRole) : undefined,
      organisationRole: query.role && !isHubRole ? (query.role as Exclude<typeof query.role, HubRole>) : undefined,
      account: query.account,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      take: query.limit + 1,
    });
    const page = slicePage(rows, query.limit);
    return { items: await this.personViews.many(page.rows), nextCursor: page.nextCursor };
  }

  /**
   * Creates a person of the hub's own staff with hub roles (no organisation). There is no request
   * for it yet: the demo seed uses it; later, hub admins will invite staff.
   */
  async createStaffMember(hubId: string, input: NewStaffMember, roles: HubRole[], context: Cause): Promise<PersonView> {
    if (await this.people.emailExists(input.email)) throw new EmailTaken();
    const person: Person = {
      id: uuidv7(),
      hubId,
      name: input.name,
      email: input.email.toLowerCase(),
      passwordHash: await this.hasher.hash(input.password),
      language: input.language,
      createdAt: new Date(),
    };
    try {
      await this.unitOfWork.run(async (tx) => {
        await this.people.insert(person, tx.manager);
        await this.hubRoles.replace(hubId, person.id, roles, tx.manager);
        tx.publish(RolesChanged, hubId, { personId: person.id, name: person.name, language: person.language, hubRoles: roles }, context);
      });
    } catch (error) {
      if (isUniqueViolation(error, EMAIL_CONSTRAINT)) throw new EmailTaken();
      throw error;
    }
    this.logger.log(`staff member ${person.id} created with ${roles.join(', ') || 'no roles'}`);
    return this.personViews.one(person);
  }

  /**
   * Makes a staff member a member of an organisation of the hub (partners.member-joined), such as a
   * job coach of a social-economy partner. There is no request for it yet: the demo seed uses it.
   */
  async addStaffMembership(person: Person, organisationId: string, role: OrganisationRole, context: Cause): Promise<void> {
    await this.unitOfWork.run(async (tx) => {
      await this.memberships.insert({ hubId: person.hubId, personId: person.id, organisationId, role, createdAt: new Date() }, tx.manager);
      tx.publish(MemberJoined, person.hubId, { organisationId, personId: person.id, name: person.name, language: person.language, role }, context);
    });
    this.roles.committedChange(person.id);
    this.logger.log(`staff member ${person.id} joined organisation ${organisationId} as ${role}`);
  }
}
