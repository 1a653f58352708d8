import { HubRole, Language, OrganisationRole } from '../partners/partners.vocabulary';

/** Who calls: read from a verified access token by the gateway, checked again by the service that answers. */
export interface Caller {
  personId: string;
  hubId: string;
  hubRoles: HubRole[];
  memberships: { organisationId: string; role: OrganisationRole }[];
}

/** What every request over core NATS carries besides its data. */
export interface RequestEnvelope<TData = unknown> {
  caller: Caller | null;
  /** The hub the request is about (the caller's hub, or the hub named by an anonymous caller). */
  hubId: string | null;
  correlationId: string;
  /** The language the answer's texts should be in (from Accept-Language or the person's preference); Dutch when absent. */
  language?: Language;
  data: TData;
}

/** How a service answers with a domain error; the gateway turns it into application/problem+json. */
export interface RemoteProblem {
  type: string;
  status: number;
  title: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export function isRemoteProblem(value: unknown): value is RemoteProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RemoteProblem).type === 'string' &&
    typeof (value as RemoteProblem).status === 'number' &&
    typeof (value as RemoteProblem).title === 'string'
  );
}
