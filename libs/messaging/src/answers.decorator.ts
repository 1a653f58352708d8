import { applyDecorators, Injectable, PipeTransform, SetMetadata, UsePipes } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Caller, Forbidden, RequestContract, requestEnvelopeSchema, RequestOf, toFieldErrors, Unauthenticated, validate, ValidationFailed } from '@cirkel/contracts';
import { RequestTokenVerifier } from './request-tokens';

/**
 * Checks a request's whole envelope against its contract and hands the handler a `RequestOf<C>`.
 * Through Nest's pipeline there is no verifier, so only anonymous requests pass (`RequestServer`
 * calls `@Answers` handlers itself, with the app's verifier).
 */
@Injectable()
class RequestEnvelopePipe implements PipeTransform<unknown, RequestOf<RequestContract>> {
  constructor(private readonly contract: RequestContract) {}

  transform(value: unknown): RequestOf<RequestContract> {
    return parseRequest(this.contract, value, undefined);
  }
}

/**
 * Checks a request's whole envelope against its contract and answers what its handler receives:
 * who is asking, read from the envelope's token with `verifier` (null for an anonymous request or
 * a service's own), the hub (the token's: an envelope naming another is refused), the correlation id, the
 * language, and the data as valid input. A malformed envelope, another version, or invalid data is
 * a validation problem naming the fields; a request that must carry a token and has none, or one
 * that does not verify, is `Unauthenticated` (401), and its handler never runs; an anonymous
 * request carrying a token is refused, so that no one believes it names a caller; a request for
 * services only refuses a person's token (403), and any request refuses the own token of a service
 * its contract does not name (`askedOnOwnAccountBy`, 403).
 */
export function parseRequest<C extends RequestContract>(contract: C, value: unknown, verifier: RequestTokenVerifier | undefined): RequestOf<C> {
  const parsed = requestEnvelopeSchema.safeParse(value);
  if (!parsed.success) {
    throw new ValidationFailed(
      toFieldErrors(parsed.error).map((e) => ({ ...e, field: `envelope.${e.field}` })),
      'The request envelope is malformed.',
    );
  }
  const { version, token, hubId, correlationId, language, data } = parsed.data;
  if (version !== contract.version) {
    throw new ValidationFailed([{ field: 'envelope.version', message: `${contract.name} is answered in version ${contract.version} here` }], 'The request names a version this service does not answer.');
  }
  const asker = askerOfToken(contract, token, verifier);
  return { version, caller: asker.caller, hubId: hubOf(asker, hubId), correlationId, language: language ?? 'nl', data: validate(contract.input, data ?? {}) as RequestOf<C>['data'] };
}

/** Who asks: the person a token names (null for an anonymous request or a service's own), and the hub the token is for (undefined when there is no token). */
interface Asker {
  caller: Caller | null;
  tokenHubId?: string | null;
}

function askerOfToken(contract: RequestContract, token: string | null, verifier: RequestTokenVerifier | undefined): Asker {
  if (contract.anonymous) {
    if (token !== null) throw new ValidationFailed([{ field: 'envelope.token', message: `${contract.name} is anonymous: it carries no token` }], 'An anonymous request carries no token.');
    return { caller: null };
  }
  if (token === null) throw new Unauthenticated(`${contract.name} carries no token: only the gateway may ask it, for a signed-in person or on its own account.`);
  if (!verifier) throw new Unauthenticated(`This service verifies no tokens, so it answers ${contract.name} to no one.`);
  const asker = verifier.askerOf(token);
  if ('caller' in asker) {
    if (contract.servicesOnly) throw new Forbidden(`${contract.name} is asked by services on their own account only.`);
    return { caller: asker.caller, tokenHubId: asker.caller.hubId };
  }
  // A service's own token names the service whose key signed it: the contract says which may ask.
  if (!(contract.askedOnOwnAccountBy as readonly string[]).includes(asker.service)) {
    throw new Forbidden(`${contract.name} is not asked by ${asker.service} on its own account (only ${contract.askedOnOwnAccountBy.join(', ')}).`);
  }
  return { caller: null, tokenHubId: asker.hubId };
}

/**
 * The hub of a request: the one its signed token is for (a person's hub, or the hub a service
 * minted its token for); the envelope may repeat it or leave it out, and naming another is refused
 * (403), so whoever holds a token cannot point it at another hub. An anonymous request's hub is
 * the envelope's: nobody vouches for it, and no caller comes with it.
 */
function hubOf(asker: Asker, envelopeHubId: string | null): string | null {
  if (asker.tokenHubId === undefined) return envelopeHubId;
  if (envelopeHubId !== null && envelopeHubId !== asker.tokenHubId) throw new Forbidden('The request names another hub than its token is for.');
  return asker.tokenHubId;
}

const ANSWERS_CONTRACT = 'cirkel:answers-contract';

/**
 * Marks a controller method as the handler of a request contract: `@Answers(GetOrganisation)
 * get(@Payload() request: RequestOf<typeof GetOrganisation>)`. The envelope is checked first.
 * A service's `RequestServer` calls such a handler itself, with the request parsed by
 * `parseRequest` (its only argument); through Nest's pipeline (`@MessagePattern`, for a server
 * that does not), the envelope pipe does the same.
 */
export function Answers(contract: RequestContract): MethodDecorator {
  return applyDecorators(MessagePattern(contract.pattern), UsePipes(new RequestEnvelopePipe(contract)), SetMetadata(ANSWERS_CONTRACT, contract));
}

/** The contract a method answers, when it is marked `@Answers`. */
export function answeredContract(method: unknown): RequestContract | undefined {
  return typeof method === 'function' ? Reflect.getMetadata(ANSWERS_CONTRACT, method) : undefined;
}
