/** The operations of the HTTP API as its OpenAPI document (`/api/docs-json`) lists them, so tests that walk every endpoint take in new ones by themselves. */

/** The part of JSON Schema (OpenAPI 3.0) the API's documents use. */
export interface JsonSchema {
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  format?: string;
  pattern?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `POST /api/v1/organisations/{id}/approval` */
  name: string;
  method: string;
  path: string;
  /** Path and query parameters (headers are the test's business). */
  parameters: Parameter[];
  body?: JsonSchema;
  /** It honours Idempotency-Key. */
  idempotent: boolean;
  /** It declares bearer authentication. */
  authenticated: boolean;
}

interface DocumentOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

/** Every operation under `/api/v1` of the gateway's OpenAPI document. */
export async function apiOperations(gatewayUrl: string): Promise<Operation[]> {
  const response = await fetch(`${gatewayUrl}/api/docs-json`);
  if (!response.ok) throw new Error(`GET /api/docs-json answered ${response.status}`);
  const document = (await response.json()) as { paths: Record<string, Record<string, DocumentOperation>> };
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/api/v1/'))
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const parameters = op.parameters ?? [];
        return {
          name: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          parameters: parameters.filter((p) => p.in === 'path' || p.in === 'query'),
          body: op.requestBody?.content?.['application/json']?.schema,
          idempotent: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
          authenticated: (op.security ?? []).length > 0,
        };
      }),
    );
}

/**
 * The URL of an operation: each path parameter replaced by its value, which is percent-encoded
 * unless `raw` (a test's own encoding, `%00`, `%ff`, `..%2f`), and the query string as given.
 */
export function urlOf(operation: Operation, values: Record<string, { value: string; raw?: boolean }>, query = ''): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const given = values[name];
    if (!given) throw new Error(`${operation.name}: no value for {${name}}`);
    return given.raw ? given.value : encodeURIComponent(given.value);
  });
  return query ? `${path}?${query}` : path;
}
