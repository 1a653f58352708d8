import { hasHubRole, isHubAdmin, isMemberOf } from '@cirkel/auth';
import { Caller, Forbidden, ValidationFailed } from '@cirkel/contracts';

/**
 * Who may see and change participant data: a job coach, for the organisations they belong to;
 * a hub admin sees every participant of the hub and changes none; nobody else sees a participant.
 */

export const CHANGE_REFUSED = "Only a job coach of the participant's organisation changes their data.";

/** The organisations whose participants the caller sees: every one (null) for a hub admin. */
export function visibleOrganisations(caller: Caller): string[] | null {
  if (isHubAdmin(caller)) return null;
  if (hasHubRole(caller, 'job_coach')) return caller.memberships.map((m) => m.organisationId);
  throw new Forbidden('Only job coaches and hub admins see participants.');
}

export function canSee(caller: Caller, participant: { hubId: string; organisationId: string }): boolean {
  if (participant.hubId !== caller.hubId) return false;
  return isHubAdmin(caller) || (hasHubRole(caller, 'job_coach') && isMemberOf(caller, participant.organisationId));
}

export function canChange(caller: Caller, participant: { hubId: string; organisationId: string }): boolean {
  return participant.hubId === caller.hubId && hasHubRole(caller, 'job_coach') && isMemberOf(caller, participant.organisationId);
}

/** The organisation a job coach enrols for: the one named, or their only one. */
export function enrollingOrganisation(caller: Caller, named: string | undefined): string {
  if (!hasHubRole(caller, 'job_coach')) throw new Forbidden('Only job coaches enrol participants.');
  if (named) {
    if (!isMemberOf(caller, named)) throw new Forbidden('You enrol participants only for an organisation you belong to.');
    return named;
  }
  const [only, ...more] = caller.memberships;
  if (!only) throw new Forbidden('A job coach enrols participants for their organisation; you belong to none.');
  if (more.length > 0) throw new ValidationFailed([{ field: 'organisationId', message: 'you belong to several organisations: name one' }]);
  return only.organisationId;
}
