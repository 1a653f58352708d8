import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { RequestContract, VIEWS } from '@cirkel/contracts';

/**
 * Documents a route's answer as the named schema of `#/components/schemas` (the contract's answer,
 * or a view of the gateway's own), so the OpenAPI document describes every field of every answer.
 */
export function ApiAnswer(answer: RequestContract | z.ZodType, description: string, status = 200): MethodDecorator {
  const schema = 'answer' in answer ? answer.answer : answer;
  const id = VIEWS.get(schema)?.id;
  if (!id) throw new Error(`ApiAnswer: the answer schema (${description}) is not a registered view; declare it with view()`);
  return applyDecorators(ApiResponse({ status, description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${id}` } } } }));
}

/** Every registered view as OpenAPI 3.0 component schemas, referring to each other by name. */
export function viewComponentSchemas(): Record<string, object> {
  const { schemas } = z.toJSONSchema(VIEWS, { target: 'openapi-3.0', io: 'output', uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any' });
  return schemas;
}
