import { Caller, Forbidden, OrganisationStatus } from '@cirkel/contracts';
import { roleIn } from '@cirkel/auth';
import { canSeeOrganisation } from '../organisations/organisation-access';
import { OrganisationNotActive, OrganisationNotFound } from '../organisations/organisation.errors';
import { CharterAlreadySigned, CharterNotFound, CharterVersionNotCurrent } from './charter.errors';

export interface CharterSigningFacts {
  caller: Caller;
  organisation: { id: string; status: OrganisationStatus } | null;
  /** The hub's current charter version, or null if none is published. */
  currentVersion: number | null;
  requestedVersion: number;
  /** The versions the organisation has signed already. */
  signedVersions: number[];
}

/**
 * Who signs what: an org admin of the organisation signs for it, only when the organisation is
 * active, only the current version, and each version once. Throws the first rule that fails.
 */
export function checkCharterSigning(facts: CharterSigningFacts): void {
  const { caller, organisation, currentVersion, requestedVersion, signedVersions } = facts;
  if (!organisation || !canSeeOrganisation(caller, organisation)) throw new OrganisationNotFound();
  if (roleIn(caller, organisation.id) !== 'org_admin') throw new Forbidden("Only the organisation's org admins sign the charter for it.");
  if (organisation.status !== 'active') throw new OrganisationNotActive();
  if (currentVersion === null) throw new CharterNotFound();
  if (requestedVersion !== currentVersion) throw new CharterVersionNotCurrent(requestedVersion, currentVersion);
  if (signedVersions.includes(requestedVersion)) throw new CharterAlreadySigned(requestedVersion);
}
