import { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { FieldError, toFieldErrors, ValidationFailed } from '@cirkel/contracts';

/**
 * Checks a body, a query string or a path parameter against a contract's zod schema (unknown
 * fields refused: the schemas are strict) and answers 400 `validation-failed` naming each field.
 *
 * It passes on the value as the client sent it, not the parsed output: the service parses the
 * same data with the same schema again, and some transforms must run only once (`unread: 'true'`
 * becomes a boolean the schema would then refuse).
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.input<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.input<S> {
    const result = this.schema.safeParse(value);
    if (!result.success) throw new ValidationFailed(fieldsOf(toFieldErrors(result.error), metadata));
    // Fastify's query object has no prototype; a plain copy serialises the same and reads better in logs.
    return (metadata.type === 'query' && value !== null && typeof value === 'object' ? { ...value } : value) as z.input<S>;
  }
}

/** Path parameters are named by the parameter, body and query fields by their path in the object. */
function fieldsOf(errors: FieldError[], metadata: ArgumentMetadata): FieldError[] {
  if (metadata.type !== 'param' || !metadata.data) return errors;
  const name = metadata.data;
  return errors.map((e) => ({ ...e, field: e.field === '(body)' ? name : `${name}.${e.field}` }));
}
