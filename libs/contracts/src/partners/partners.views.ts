import { HubRole, Language, OrganisationRole, OrganisationStatus, OrganisationType, WorkDomain } from './partners.vocabulary';
import { Caller } from '../requests/request-envelope';

/** Answers of the partners requests, as the gateway returns them over HTTP. Dates are ISO 8601 strings. */

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export interface CharterSignatureView {
  version: number;
  signedAt: string;
  signedBy: string;
}

export interface OrganisationView {
  id: string;
  hubId: string;
  name: string;
  type: OrganisationType;
  /** Ten digits, or null. */
  enterpriseNumber: string | null;
  workDomains: WorkDomain[];
  status: OrganisationStatus;
  createdAt: string;
  approvedAt: string | null;
  /** The signature of the current charter version, or null if the organisation has not signed it. */
  charter: CharterSignatureView | null;
  /** Only for the organisation's own members and hub admins; null for everyone else. */
  members: MemberView[] | null;
}

export interface MemberView {
  personId: string;
  name: string;
  email: string;
  role: OrganisationRole;
}

export interface PersonView {
  id: string;
  hubId: string;
  name: string;
  email: string;
  language: Language;
  hubRoles: HubRole[];
  memberships: { organisationId: string; organisationName: string; role: OrganisationRole }[];
}

export interface RegistrationView {
  organisation: OrganisationView;
  person: PersonView;
}

/** The answer of partners.authenticate and partners.get-identity: who the person is, for the gateway's tokens. */
export interface IdentityView {
  caller: Caller;
  name: string;
  language: Language;
}

export interface HubView {
  id: string;
  slug: string;
  name: string;
}

export interface MeView {
  person: PersonView;
  hub: HubView;
  organisations: OrganisationView[];
}

export interface InvitationView {
  id: string;
  organisationId: string;
  email: string;
  role: OrganisationRole;
  expiresAt: string;
  /** The link the invited person opens (e-mail comes with the notifications issue). */
  link: string;
  /** The secret part of the link; only in the answer to whoever created the invitation. */
  token: string;
}

export interface CharterView {
  id: string;
  hubId: string;
  version: number;
  text: { nl: string; en: string };
  publishedAt: string;
}
