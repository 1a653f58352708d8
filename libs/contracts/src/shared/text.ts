import { z } from 'zod';

/**
 * Text that people write (names, searches, charters), one schema for every free-text field, so
 * that what is stored and shown is text and nothing else:
 *
 * - no NUL: Postgres refuses it in `text` (the service answered 500);
 * - no other control characters (C0, DEL, C1) nor the Unicode line and paragraph separators, which
 *   forge log lines and confuse whatever shows the text; multi-line text keeps tab, LF and CR;
 * - no lone UTF-16 surrogates (what a client's bad UTF-8 becomes): the text must be well formed.
 *
 * Trimmed, then limited in length. Passwords are not text in this sense (never stored or shown).
 */
export function singleLineText(limits: TextLimits) {
  return textWith(SINGLE_LINE, 'control characters (such as NUL or a line break) are not allowed', limits);
}

/** As singleLineText, keeping line breaks and tabs (a charter's paragraphs). */
export function multiLineText(limits: TextLimits) {
  return textWith(MULTI_LINE, 'control characters (such as NUL) are not allowed; line breaks and tabs are', limits);
}

export interface TextLimits {
  min: number;
  max: number;
}

/** Every character a single-line text may not hold; the multi-line form allows \t, \n and \r. Control characters are the point here. */
// eslint-disable-next-line no-control-regex
const SINGLE_LINE = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;
// eslint-disable-next-line no-control-regex
const MULTI_LINE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]*$/;

function textWith(allowed: RegExp, message: string, { min, max }: TextLimits) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .regex(allowed, message)
    .refine(isWellFormed, 'not well-formed text (a lone UTF-16 surrogate)');
}

/** No lone surrogate: every high surrogate followed by a low one, no low one on its own. */
export function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}
