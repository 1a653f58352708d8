import { z } from 'zod';
import { Language, languageSchema } from '../shared/vocabulary';

/** What every request over core NATS carries besides its data. */
export interface RequestEnvelope<TData = unknown> {
  /** The version of the request's contract the sender speaks (the wire subject carries it too). */
  version: number;
  /**
   * Who is asking, signed: the person's access token as the gateway verified it, or a service
   * token the asking app minted for the answering app and the hub (a request on its own account);
   * null for an anonymous request. The service
   * verifies it with the public key and reads the caller from it, never from plain fields.
   */
  token: string | null;
  /**
   * The hub the request is about (the caller's hub, or the hub named by an anonymous caller). With a
   * token it only repeats the hub the token is for (a person's, or the `hubId` claim of a service's
   * token): the service takes the token's and refuses another (403).
   */
  hubId: string | null;
  correlationId: string;
  /** The language the answer's texts should be in (from Accept-Language or the person's preference); Dutch when absent. */
  language?: Language;
  data: TData;
}

/** The envelope as a service checks it; its correlation id ends up in event envelopes, which allow at most 100 characters. */
export const requestEnvelopeSchema = z.object({
  version: z.number().int().min(1),
  token: z.string().min(1).max(8_192).nullable().default(null),
  hubId: z.uuid().nullable().default(null),
  correlationId: z.string().min(1).max(100),
  language: languageSchema.optional(),
  data: z.unknown(),
});

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
