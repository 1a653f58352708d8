import { randomUUID } from 'node:crypto';
import {
  Caller,
  CharterSignatureView,
  CharterView,
  HubView,
  IdentityView,
  InvitationView,
  NotificationView,
  OrganisationView,
  Page,
  PersonView,
  RegistrationReceivedView,
  RegistrationView,
} from '@cirkel/contracts';

/** Test data for every context: valid by the contracts, unique where it must be, overridable field by field. */

export function aHub(overrides: Partial<HubView> = {}): HubView {
  return { id: randomUUID(), slug: 'genk', name: 'Genk', ...overrides };
}

/** A caller of a hub: by default an org admin of one organisation, without hub roles. */
export function aCaller(overrides: Partial<Caller> = {}): Caller {
  return { personId: randomUUID(), hubId: randomUUID(), hubRoles: [], memberships: [{ organisationId: randomUUID(), role: 'org_admin' }], ...overrides };
}

export function aHubAdmin(hubId: string = randomUUID(), overrides: Partial<Caller> = {}): Caller {
  return aCaller({ hubId, hubRoles: ['hub_admin'], memberships: [], ...overrides });
}

export function anIdentity(caller: Caller = aCaller()): IdentityView {
  return { caller, name: 'An Verhoeven', language: 'nl' };
}

let emails = 0;

/** A fresh e-mail address, so counters and unique constraints of one test do not touch another's. */
export function anEmail(prefix = 'person'): string {
  emails += 1;
  return `${prefix}${emails}.${randomUUID().slice(0, 8)}@cirkel.test`;
}

export function anOrganisationView(overrides: Partial<OrganisationView> = {}): OrganisationView {
  return {
    id: randomUUID(),
    hubId: randomUUID(),
    name: 'Kringwinkel Genk',
    type: 'social',
    enterpriseNumber: null,
    workDomains: ['care'],
    status: 'active',
    createdAt: new Date().toISOString(),
    approvedAt: new Date().toISOString(),
    charter: null,
    proposedChange: null,
    members: null,
    ...overrides,
  };
}

export function aPersonView(overrides: Partial<PersonView> = {}): PersonView {
  return { id: randomUUID(), hubId: randomUUID(), name: 'An Verhoeven', email: anEmail(), language: 'nl', hubRoles: [], memberships: [], deactivatedAt: null, ...overrides };
}

export function aRegistrationReceivedView(email: string = anEmail('registrant')): RegistrationReceivedView {
  return { email, status: 'confirmation-sent' };
}

export function aRegistrationView(overrides: Partial<RegistrationView> = {}): RegistrationView {
  return { organisation: anOrganisationView({ status: 'pending', approvedAt: null }), person: aPersonView(), ...overrides };
}

export function aCharterView(overrides: Partial<CharterView> = {}): CharterView {
  return {
    id: randomUUID(),
    hubId: randomUUID(),
    version: 1,
    text: { nl: 'Wij werken samen aan een circulaire economie in Genk.', en: 'We work together on a circular economy in Genk.' },
    publishedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function aCharterSignatureView(overrides: Partial<CharterSignatureView> = {}): CharterSignatureView {
  return { version: 1, signedAt: new Date().toISOString(), signedBy: randomUUID(), ...overrides };
}

export function anInvitationView(overrides: Partial<InvitationView> = {}): InvitationView {
  const now = Date.now();
  return {
    id: randomUUID(),
    organisationId: randomUUID(),
    email: anEmail('invited'),
    role: 'member',
    status: 'pending',
    createdAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 7 * 86_400_000).toISOString(),
    acceptedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

export function aNotificationView(overrides: Partial<NotificationView> = {}): NotificationView {
  return { id: randomUUID(), kind: 'organisation-registered', title: 'Nieuwe registratie', body: 'Een organisatie registreerde zich.', link: null, createdAt: new Date().toISOString(), readAt: null, ...overrides };
}

export function aPage<T>(items: T[] = [], nextCursor: string | null = null): Page<T> {
  return { items, nextCursor };
}
