import { z } from 'zod';
import { FieldError, ValidationFailed } from '../errors/domain-error';

export interface RequestContract<TSchema extends z.ZodType = z.ZodType> {
  /** The message pattern, `<context>.<verb>`. */
  readonly pattern: string;
  readonly schema: TSchema;
}

export type RequestData<C> = C extends RequestContract<infer S> ? z.output<S> : never;

export function defineRequest<TSchema extends z.ZodType>(pattern: string, schema: TSchema): RequestContract<TSchema> {
  return Object.freeze({ pattern, schema });
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
