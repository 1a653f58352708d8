import { z } from 'zod';
import { FieldError, ValidationFailed } from '../errors/domain-error';
import { AppName } from '../shared/apps';
import { Caller } from '../shared/caller';
import { Language } from '../shared/vocabulary';

export interface RequestContract<TInput extends z.ZodType = z.ZodType, TAnswer extends z.ZodType = z.ZodType> {
  /** The request's name, `<context>.<verb>`. */
  readonly name: string;
  /** A breaking change of the input or the answer is a new version; a service answers both until the old one is gone. */
  readonly version: number;
  /** The message pattern a service answers: `<context>.<verb>.v<version>`. */
  readonly pattern: string;
  /**
   * Asked by people who are not signed in (registration, login, an invitation's acceptance, the
   * public charter): the envelope carries no token and the handler no caller. Every other request
   * carries a token that the service verifies before its handler runs.
   */
  readonly anonymous: boolean;
  /**
   * Asked only by a service on its own account (notifications asking partners for an e-mail's
   * address): the token must be a service's, and a person's is refused (403) even when valid.
   */
  readonly servicesOnly: boolean;
  /**
   * The services whose own token (a service asking on its own account, no person) this request
   * takes: for a request for services only, those its contract names (`servicesOnly:
   * ['notifications']`); for any other, the gateway alone (its refresh asks partners for an
   * identity). A service token of any other service is refused (403), so a service holding a key
   * of its own cannot ask what only another may (docs/security.md).
   */
  readonly askedOnOwnAccountBy: readonly AppName[];
  /**
   * The fields of the data that travel sealed (dot paths, `person.password`): passwords, and the
   * tokens of e-mailed links (each opens an account or sets a password). Only partners opens them. The sender
   * encrypts each to the answering service's public key, which alone decrypts it before the input is
   * checked, so no one else who reads the bus reads them (docs/security.md).
   */
  readonly sealed: readonly string[];
  readonly input: TInput;
  readonly answer: TAnswer;
}

/** What a handler receives as data: the input after validation (defaults applied, values transformed). */
export type InputOf<C> = C extends RequestContract<infer I, z.ZodType> ? z.output<I> : never;
/** What a caller sends as data, before validation. */
export type SentInputOf<C> = C extends RequestContract<infer I, z.ZodType> ? z.input<I> : never;
export type AnswerOf<C> = C extends RequestContract<z.ZodType, infer A> ? z.output<A> : never;

/** Declares one version of a request: its input and its answer. */
export function defineRequest<TInput extends z.ZodType, TAnswer extends z.ZodType>(
  name: string,
  spec: { version?: number; anonymous?: true; servicesOnly?: readonly [AppName, ...AppName[]]; sealed?: readonly string[]; input: TInput; answer: TAnswer },
): RequestContract<TInput, TAnswer> {
  const version = spec.version ?? 1;
  const servicesOnly = spec.servicesOnly !== undefined;
  const access = { anonymous: spec.anonymous === true, servicesOnly, askedOnOwnAccountBy: Object.freeze([...(spec.servicesOnly ?? ['gateway'])]) as readonly AppName[] };
  if (access.anonymous && access.servicesOnly) throw new Error(`${name}: a request is anonymous or for services only, not both`);
  const sealed = Object.freeze([...(spec.sealed ?? [])]);
  return Object.freeze({ name, version, pattern: `${name}.v${version}`, ...access, sealed, input: spec.input, answer: spec.answer });
}

/** Validates data against a schema; a failure is a ValidationFailed naming each field at fault. */
export function validate<TSchema extends z.ZodType>(schema: TSchema, data: unknown): z.output<TSchema> {
  const result = schema.safeParse(data);
  if (!result.success) throw new ValidationFailed(toFieldErrors(result.error));
  return result.data;
}

export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...issue.path, key].map(String).join('.'), message: 'unknown field' }));
    }
    return [{ field: issue.path.map(String).join('.') || '(body)', message: issue.message }];
  });
}

/** A request as its handler receives it: the envelope checked, the data valid input of contract `C`. */
export interface RequestOf<C> {
  version: number;
  /** Who is asking, read from the verified token; null for an anonymous request and for a service's own. */
  caller: Caller | null;
  /** The hub the request is for: the one its verified token is for (a person's hub, or the hub in a service's token); an anonymous request's is the envelope's. */
  hubId: string | null;
  correlationId: string;
  /** The language of the answer's texts: the one the request names, else Dutch. */
  language: Language;
  data: InputOf<C>;
}
