import { z } from 'zod';

/**
 * The answer schemas the HTTP API documents by name (`#/components/schemas/<id>`), so that a client
 * generated from the OpenAPI document has a type per answer.
 */
export const VIEWS = z.registry<{ id: string; description?: string }>();

/** Registers an answer schema under its name, and returns it. */
export function view<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  VIEWS.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

/** An ISO 8601 timestamp as the API writes it. */
export const timestamp = z.iso.datetime({ offset: true });
