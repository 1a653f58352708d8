/** A problem+json answer of the API: its stable code (the last part of `type`) and the fields at fault. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(`${status} ${code}: ${detail || title}`);
  }

  /** The same problem with its fields' paths under `prefix` (a call that sent part of a form: the canvas's `keyPartners` is the form's `canvas.keyPartners`). */
  under(prefix: string): ApiProblem {
    return new ApiProblem(this.status, this.code, this.title, this.detail, this.errors.map((e) => ({ ...e, field: `${prefix}.${e.field}` })));
  }

  /** The fields at fault, by their path in the body (`organisation.name`). */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.errors.map((e) => [e.field, e.message]));
  }
}

/** Reads an answer that is not 2xx; a body that is not problem+json still becomes a problem with a code from its status. */
export function toProblem(status: number, body: unknown): ApiProblem {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const type = typeof b.type === 'string' ? b.type : `http-${status}`;
  const errors = Array.isArray(b.errors)
    ? b.errors.filter((e): e is FieldProblem => typeof e?.field === 'string' && typeof e?.message === 'string')
    : [];
  return new ApiProblem(status, type.split('/').pop() || type, String(b.title ?? ''), String(b.detail ?? ''), errors);
}

/** A network failure (no answer at all) as a problem of its own, so that forms show it like any other. */
export function networkProblem(): ApiProblem {
  return new ApiProblem(0, 'network', 'Network error', '');
}
