import { randomUUID } from 'node:crypto';
import { Caller, HubView, IdentityView } from '@cirkel/contracts';

export function aCaller(overrides: Partial<Caller> = {}): Caller {
  return { personId: randomUUID(), hubId: randomUUID(), hubRoles: [], memberships: [{ organisationId: randomUUID(), role: 'org_admin' }], ...overrides };
}

export function anIdentity(caller: Caller = aCaller()): IdentityView {
  return { caller, name: 'An Verhoeven', language: 'nl' };
}

export function aHub(overrides: Partial<HubView> = {}): HubView {
  return { id: randomUUID(), slug: 'genk', name: 'Genk', ...overrides };
}

let emails = 0;

/** A fresh e-mail address, so counters of one test do not touch another's. */
export function anEmail(): string {
  emails += 1;
  return `person${emails}.${randomUUID().slice(0, 8)}@cirkel.test`;
}

/** A fresh client address (TEST-NET-2), so per-address counters of one test do not touch another's. */
let addresses = 0;
export function anAddress(): string {
  addresses += 1;
  return `198.51.100.${addresses}`;
}
