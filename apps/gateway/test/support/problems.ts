import type { LightMyRequestResponse } from 'fastify';

/** Asserts an answer is a problem+json of this status and type, and returns its body. */
export function expectProblem(response: LightMyRequestResponse, status: number, type: string): Record<string, unknown> {
  const body = response.json<Record<string, unknown>>();
  expect({ status: response.statusCode, type: body.type }).toEqual({ status, type });
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(body).toMatchObject({ type, status, title: expect.any(String), detail: expect.any(String) });
  return body;
}
