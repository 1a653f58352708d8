import { z } from 'zod';
import { Caller, hubRoleSchema, organisationRoleSchema, RequestContract, toFieldErrors, validate, ValidationFailed } from '@cirkel/contracts';

const callerSchema = z.object({
  personId: z.uuid(),
  hubId: z.uuid(),
  hubRoles: z.array(hubRoleSchema),
  memberships: z.array(z.object({ organisationId: z.uuid(), role: organisationRoleSchema })),
});

/** The envelope around every request; its correlation id ends up in event envelopes, whose schema allows at most 100 characters. */
const envelopeSchema = z.object({
  caller: callerSchema.nullable().default(null),
  hubId: z.uuid().nullable().default(null),
  correlationId: z.string().min(1).max(100),
  data: z.unknown(),
});

/** What a request says besides its data: who calls (as the gateway read it from a token), about which hub, as part of what. */
export interface RequestCall {
  caller: Caller | null;
  hubId: string | null;
  correlationId: string;
}

export interface ParsedRequest<T> {
  call: RequestCall;
  data: T;
}

/** Validates a request envelope and its data against the request's contract (unknown fields refused). */
export function parseRequest<S extends z.ZodType>(contract: RequestContract<S>, envelope: unknown): ParsedRequest<z.output<S>> {
  const parsed = envelopeSchema.safeParse(envelope);
  if (!parsed.success) {
    throw new ValidationFailed(
      toFieldErrors(parsed.error).map((e) => ({ ...e, field: `envelope.${e.field}` })),
      'The request envelope is malformed.',
    );
  }
  const { caller, hubId, correlationId, data } = parsed.data;
  return { call: { caller, hubId, correlationId }, data: validate(contract.schema, data ?? {}) };
}
