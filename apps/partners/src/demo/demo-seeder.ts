import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Caller, RegisterOrganisation, validate } from '@cirkel/contracts';
import { systemCause } from '@cirkel/messaging';
import { CharterRepository } from '../charters/charter.repository';
import { CharterService } from '../charters/charter.service';
import { Hub } from '../hubs/hub.entity';
import { HubService } from '../hubs/hub.service';
import { OrganisationService } from '../organisations/organisation.service';
import { RegistrationService } from '../organisations/registration.service';
import { PeopleService } from '../people/people.service';
import { Person } from '../people/person.entity';
import { PersonRepository } from '../people/person.repository';
import { DEMO_CHARTER } from './demo-charter';
import { DEMO_ADMIN, DEMO_HUB, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_STAFF, DemoOrganisation, DemoStaffMember } from './demo-accounts';
import { DemoSeedLockRepository } from './demo-seed-lock.repository';

/**
 * Creates the demo hub `genk` with its staff, charter v1 and partner organisations, through the
 * same services as the requests (so every event goes through the outbox). Each step first looks
 * whether its result exists, so a second run changes nothing and an interrupted run is completed.
 * Run by its own entry point (`apps/partners/src/seed.ts`), never by the running service.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);
  private created = 0;

  constructor(
    private readonly lock: DemoSeedLockRepository,
    private readonly hubs: HubService,
    private readonly people: PersonRepository,
    private readonly staff: PeopleService,
    private readonly registrations: RegistrationService,
    private readonly organisations: OrganisationService,
    private readonly charterRepository: CharterRepository,
    private readonly charters: CharterService,
  ) {}

  /** Seeds what is missing; answers how many things it created (0 when the demo data is complete). */
  async seed(): Promise<number> {
    return this.lock.withLock(async () => {
      this.created = 0;
      const correlationId = `demo-seed-${randomUUID()}`;
      const { hub, created } = await this.hubs.ensure(DEMO_HUB.slug, DEMO_HUB.name);
      this.progress(created, `hub ${hub.slug} (${hub.name})`);
      const admin = await this.ensureStaffMember(hub, DEMO_ADMIN, correlationId);
      const adminCaller = await this.callerOf(admin);
      const version = await this.ensureCharter(hub, adminCaller, correlationId);
      for (const member of DEMO_STAFF) await this.ensureStaffMember(hub, member, correlationId);
      for (const organisation of DEMO_ORGANISATIONS) await this.ensureOrganisation(organisation, adminCaller, version, correlationId);
      for (const member of DEMO_STAFF) await this.ensureStaffMembership(member, correlationId);
      this.logger.log(
        this.created === 0
          ? 'demo data complete, nothing to do'
          : `demo data ready (${this.created} created): log in as ${DEMO_ADMIN.email}, password ${DEMO_PASSWORD}`,
      );
      return this.created;
    });
  }

  private async ensureStaffMember(hub: Hub, member: DemoStaffMember, correlationId: string): Promise<Person> {
    const existing = await this.people.findByEmail(member.email);
    if (!existing) {
      const { name, email, language, roles } = member;
      await this.staff.createStaffMember(hub.id, { name, email, language, password: DEMO_PASSWORD }, roles, systemCause(correlationId));
    }
    this.progress(!existing, `${member.email} (${member.roles.join(', ')})`);
    return existing ?? this.personByEmail(member.email);
  }

  /** A staff member who works for a partner (the job coach) is its member. */
  private async ensureStaffMembership(member: DemoStaffMember, correlationId: string): Promise<void> {
    const organisation = DEMO_ORGANISATIONS.find((o) => o.name === member.memberOf);
    if (!organisation) return;
    const person = await this.personByEmail(member.email);
    const organisationId = (await this.callerOf(await this.personByEmail(organisation.contact.email))).memberships.find((m) => m.role === 'org_admin')?.organisationId;
    if (!organisationId) return;
    const held = await this.callerOf(person);
    if (held.memberships.some((m) => m.organisationId === organisationId)) return;
    await this.staff.addStaffMembership(person, organisationId, 'member', systemCause(correlationId));
    this.done(`${member.email} joined ${organisation.name}`);
  }

  private async ensureCharter(hub: Hub, adminCaller: Caller, correlationId: string): Promise<number> {
    const current = await this.charterRepository.current(hub.id);
    const version = current?.version ?? (await this.charters.publish(adminCaller, { text: DEMO_CHARTER }, correlationId)).version;
    this.progress(!current, `charter v${version}`);
    return version;
  }

  private async ensureOrganisation(spec: DemoOrganisation, adminCaller: Caller, charterVersion: number, correlationId: string): Promise<void> {
    const existing = await this.people.findByEmail(spec.contact.email);
    if (!existing) {
      const data = validate(RegisterOrganisation.input, {
        hub: DEMO_HUB.slug,
        organisation: { name: spec.name, type: spec.type, workDomains: spec.workDomains, enterpriseNumber: spec.enterpriseNumber },
        person: { ...spec.contact, password: DEMO_PASSWORD },
      });
      await this.registrations.registerConfirmed(data, correlationId);
    }
    this.progress(!existing, `organisation ${spec.name}, org admin ${spec.contact.email}`);
    const contact = await this.callerOf(existing ?? (await this.personByEmail(spec.contact.email)));
    const organisationId = contact.memberships.find((m) => m.role === 'org_admin')?.organisationId;
    if (!organisationId) return; // the contact no longer administers an organisation: leave it alone
    let organisation = await this.organisations.get(adminCaller, { organisationId });
    if (spec.active && organisation.status === 'pending') {
      organisation = await this.organisations.approve(adminCaller, { organisationId }, correlationId);
      this.done(`${spec.name} approved`);
    }
    if (spec.signs && organisation.status === 'active' && organisation.charter === null) {
      await this.charters.sign(contact, { organisationId, version: charterVersion }, correlationId);
      this.done(`${spec.name} signed charter v${charterVersion}`);
    }
  }

  /** The person as a caller with the roles they hold now. */
  private async callerOf(person: Person): Promise<Caller> {
    const held = await this.people.heldRoles(person.hubId, person.id);
    if (!held) throw new Error(`${person.email} disappeared while seeding`);
    return { personId: person.id, hubId: person.hubId, ...held };
  }

  private async personByEmail(email: string): Promise<Person> {
    const person = await this.people.findByEmail(email);
    if (!person) throw new Error(`demo seed: ${email} was created but cannot be found`);
    return person;
  }

  private progress(created: boolean, what: string): void {
    if (created) {
      this.created += 1;
      this.logger.log(`demo: ${what} created`);
    } else {
      this.logger.debug(`demo: ${what} present`);
    }
  }

  private done(what: string): void {
    this.created += 1;
    this.logger.log(`demo: ${what}`);
  }
}
