import { Body, Param, Query } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import type { SchemaObject } from '@nestjs/swagger';
import { openApiSchemaOf } from './openapi-schema';
import { ZodValidationPipe } from './zod-validation.pipe';

/**
 * Parameter decorators that validate with a contract's zod schema and document the same schema
 * in OpenAPI, so the two cannot drift apart.
 */

/** The JSON body, checked against `schema`; documented as the request body. */
export function ZodBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodValidationPipe(schema))(target, key, index);
    onMethod(target, key, ApiBody({ required: true, schema: openApiSchemaOf(schema) }));
  };
}

/** The query string, checked against an object `schema`; each property documented as a query parameter. */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodValidationPipe(schema))(target, key, index);
    const json = openApiSchemaOf(schema);
    const required = new Set(json.required ?? []);
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      onMethod(target, key, ApiQuery({ name, required: required.has(name), schema: property as SchemaObject }));
    }
  };
}

/** A path parameter, checked against `schema` (a 400 naming the parameter, not a 500 further on). */
export function ZodParam(name: string, schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Param(name, new ZodValidationPipe(schema))(target, key, index);
    onMethod(target, key, ApiParam({ name, required: true, schema: openApiSchemaOf(schema) }));
  };
}

const uuid = z.uuid();

/** A path parameter that must be a UUID. */
export function UuidParam(name: string): ParameterDecorator {
  return ZodParam(name, uuid);
}

function onMethod(target: object, key: string | symbol | undefined, decorator: MethodDecorator): void {
  if (key === undefined) throw new Error('validated parameters are for route handlers, not constructors');
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor) throw new Error(`no method ${String(key)} to document`);
  decorator(target, key, descriptor);
}
