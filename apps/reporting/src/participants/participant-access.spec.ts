import { randomUUID } from 'node:crypto';
import { Caller } from '@cirkel/contracts';
import { canChange, canSee, enrollingOrganisation, visibleOrganisations } from './participant-access';

const hubId = randomUUID();
const [atelier, bakkerij] = [randomUUID(), randomUUID()];
const caller = (hubRoles: Caller['hubRoles'], organisations: string[]): Caller => ({
  personId: randomUUID(),
  hubId,
  hubRoles,
  memberships: organisations.map((organisationId) => ({ organisationId, role: 'member' })),
});
const participant = { hubId, organisationId: atelier };

describe('participant access', () => {
  it('lets a job coach see and change their own organisation’s participants only', () => {
    const coach = caller(['job_coach'], [atelier]);
    const elsewhere = caller(['job_coach'], [bakkerij]);
    expect([canSee(coach, participant), canChange(coach, participant)]).toEqual([true, true]);
    expect([canSee(elsewhere, participant), canChange(elsewhere, participant)]).toEqual([false, false]);
    expect(visibleOrganisations(coach)).toEqual([atelier]);
  });

  it('lets a hub admin see every participant of the hub and change none, and nobody else see one', () => {
    const admin = caller(['hub_admin'], []);
    expect([canSee(admin, participant), canChange(admin, participant)]).toEqual([true, false]);
    expect(canSee(admin, { ...participant, hubId: randomUUID() })).toBe(false);
    expect(visibleOrganisations(admin)).toBeNull();
    for (const role of ['mentor', 'city_staff'] as const) {
      expect(canSee(caller([role], [atelier]), participant)).toBe(false);
      expect(() => visibleOrganisations(caller([role], [atelier]))).toThrow(/Only job coaches and hub admins/);
    }
    expect(canSee(caller([], [atelier]), participant)).toBe(false); // a member of the organisation, not a job coach
  });

  it('enrols for the organisation named, or the only one', () => {
    expect(enrollingOrganisation(caller(['job_coach'], [atelier]), undefined)).toBe(atelier);
    expect(enrollingOrganisation(caller(['job_coach'], [atelier, bakkerij]), bakkerij)).toBe(bakkerij);
    expect(() => enrollingOrganisation(caller(['job_coach'], [atelier, bakkerij]), undefined)).toThrow(/Validation failed/);
    expect(() => enrollingOrganisation(caller(['job_coach'], [atelier]), bakkerij)).toThrow(/belong to/);
    expect(() => enrollingOrganisation(caller(['job_coach'], []), undefined)).toThrow(/belong to none/);
    expect(() => enrollingOrganisation(caller(['hub_admin'], [atelier]), undefined)).toThrow(/Only job coaches/);
  });
});
