import { useCallback, useEffect, useId, useRef, useState, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, networkProblem } from '../api/problem';

interface FieldProps {
  label: string;
  error?: string;
  hint?: ReactNode;
}

/** A labelled input; an error marks it invalid and is read with it (aria-describedby). */
export function TextField({ label, error, hint, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {input.required ? <Required /> : null}
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
      {error ? <p className="error" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}

export function TextArea({ label, error, hint, ...area }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {area.required ? <Required /> : null}
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...area} />
      {error ? <p className="error" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}

export function SelectField({ label, error, hint, options, ...select }: FieldProps & { options: { value: string; label: string }[] } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {select.required ? <Required /> : null}
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? <p className="error" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}

/**
 * A group of checkboxes with a legend (work domains, circular strategies, a session's participants),
 * a hint read with the group, and `children` shown between the hint and the boxes: what the group
 * says while its options load, when there are none, or a problem in loading them.
 */
export function CheckboxGroup<T extends string>({ legend, hint, options, value, onChange, error, children }: {
  legend: string;
  hint?: ReactNode;
  options: { value: T; label: string }[];
  value: T[];
  onChange: (next: T[]) => void;
  error?: string;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset className="field checkboxes" aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {options.map((o) => (
        <label key={o.value} className="checkbox">
          <input type="checkbox" checked={value.includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))} />
          {o.label}
        </label>
      ))}
      {error ? <p className="error" id={`${id}-error`}>{error}</p> : null}
    </fieldset>
  );
}

/** The visible mark of a required field, outside the label: its accessible name stays the label, and `required` says the rest. */
function Required() {
  return (
    <span className="required" aria-hidden="true">
      *
    </span>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/** What went wrong, in the reader's language: the problem's code translated, its fields listed. */
export function ProblemAlert({ problem }: { problem: ApiProblem | null }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <div className="alert" role="alert">
      <p>{problemText(t, problem)}</p>
      {problem.errors.length ? <p>{t('problem.fieldsMarked', { count: problem.errors.length })}</p> : null}
    </div>
  );
}

/**
 * What an action came to: its notice (role status, read out when it appears) or the problem it
 * ended with. Pages show this one block above what the action was about.
 */
export function Outcome({ message, problem = null }: { message?: ReactNode; problem?: ApiProblem | null }) {
  return (
    <>
      {message ? (
        <p className="notice" role="status">
          {message}
        </p>
      ) : null}
      <ProblemAlert problem={problem} />
    </>
  );
}

export function problemText(t: (key: string, options?: Record<string, unknown>) => string, problem: ApiProblem): string {
  return t(`problem.${problem.code}`, { defaultValue: t(problem.status >= 500 || problem.status === 0 ? 'problem.unavailable' : 'problem.other') });
}

/**
 * Runs a form's action: `pending` while it runs, the problem it ended with (the form keeps what was
 * typed), and each field at fault by its path in the body.
 */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setProblem(null);
    try {
      return await action();
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : networkProblem());
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  const fieldError = useFieldErrors(problem);
  return { pending, problem, setProblem, run, fieldError };
}

/** The message for a field the API refused, in the reader's language (the API's own text is English). */
function useFieldErrors(problem: ApiProblem | null) {
  const { t } = useTranslation();
  return useCallback(
    (field: string): string | undefined => (problem?.errors.some((e) => e.field === field) ? t('problem.invalidField') : undefined),
    [problem, t],
  );
}

/**
 * After a refused attempt (the form's rules, or the API's fields), the keyboard's focus moves to the
 * first field at fault, so that nobody has to look for it. Call `refused()` when an attempt fails.
 */
export function useFocusFirstInvalid<T extends HTMLElement>() {
  const form = useRef<T>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt === 0) return;
    const first = form.current?.querySelector<HTMLElement>('[aria-invalid="true"] input, input[aria-invalid="true"], textarea[aria-invalid="true"], select[aria-invalid="true"]');
    first?.focus();
  }, [attempt]);
  return { form, refused: useCallback(() => setAttempt((n) => n + 1), []) };
}

/** A group of radio buttons with a legend and a hint (why it is asked); one answer, marked when missing. */
export function RadioGroup<T extends string>({ legend, hint, options, value, onChange, error, name }: {
  legend: string;
  hint?: ReactNode;
  options: { value: T; label: string }[];
  value: T | '';
  onChange: (next: T) => void;
  error?: string;
  name: string;
}) {
  const id = useId();
  return (
    <fieldset className="field radios" aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {options.map((o) => (
        <label key={o.value} className="checkbox">
          <input type="radio" name={`${id}-${name}`} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
      {error ? (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
