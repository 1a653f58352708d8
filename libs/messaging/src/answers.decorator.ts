import { applyDecorators, Injectable, PipeTransform, SetMetadata, UsePipes } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { RequestContract, requestEnvelopeSchema, RequestOf, toFieldErrors, validate, ValidationFailed } from '@cirkel/contracts';

/**
 * Checks a request's whole envelope against its contract and hands the handler a `RequestOf<C>`:
 * who is asking (or null), the hub, the correlation id, the language, and the data as valid input.
 * A malformed envelope, another version, or invalid data is a validation problem naming the fields.
 */
@Injectable()
class RequestEnvelopePipe implements PipeTransform<unknown, RequestOf<RequestContract>> {
  constructor(private readonly contract: RequestContract) {}

  transform(value: unknown): RequestOf<RequestContract> {
    return parseRequest(this.contract, value);
  }
}

export function parseRequest<C extends RequestContract>(contract: C, value: unknown): RequestOf<C> {
  const parsed = requestEnvelopeSchema.safeParse(value);
  if (!parsed.success) {
    throw new ValidationFailed(
      toFieldErrors(parsed.error).map((e) => ({ ...e, field: `envelope.${e.field}` })),
      'The request envelope is malformed.',
    );
  }
  const { version, caller, hubId, correlationId, language, data } = parsed.data;
  if (version !== contract.version) {
    throw new ValidationFailed([{ field: 'envelope.version', message: `${contract.name} is answered in version ${contract.version} here` }], 'The request names a version this service does not answer.');
  }
  return { version, caller, hubId, correlationId, language: language ?? 'nl', data: validate(contract.input, data ?? {}) as RequestOf<C>['data'] };
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
