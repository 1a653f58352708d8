import { isWellFormed, multiLineText, singleLineText } from './text';

const line = singleLineText({ min: 1, max: 50 });
const lines = multiLineText({ min: 1, max: 50 });

describe('text fields', () => {
  it('keeps ordinary text, trimmed: accents, quotes, emoji', () => {
    expect(line.parse('  Café "De Sluis" / Genk 🌱 ')).toBe('Café "De Sluis" / Genk 🌱');
  });

  it.each([
    ['NUL', 'Kring\u0000winkel'],
    ['a line feed', 'Kringwinkel\nINFO admin logged in'],
    ['a carriage return', 'Kring\rwinkel'],
    ['an escape (terminal colours)', 'Kring\u001b[31mwinkel'],
    ['DEL', 'Kring\u007fwinkel'],
    ['a C1 control', 'Kring\u0085winkel'],
    ['a line separator', 'Kring\u2028winkel'],
    ['a lone surrogate', 'Kring\ud800winkel'],
  ])('refuses %s in a single-line text', (_, text) => {
    expect(line.safeParse(text).success).toBe(false);
  });

  it('keeps line breaks and tabs in a multi-line text, and refuses NUL and the rest', () => {
    expect(lines.parse('Artikel 1.\n\tWij werken samen.\r\nArtikel 2.')).toBe('Artikel 1.\n\tWij werken samen.\r\nArtikel 2.');
    for (const text of ['Artikel\u0000 1', 'Artikel\u001b 1', 'Artikel\u000b 1', 'Artikel \udc00']) expect(lines.safeParse(text).success).toBe(false);
  });

  it('says why', () => {
    expect(line.safeParse('a\u0000b').error?.issues[0].message).toMatch(/control characters/);
  });

  it('tells a well-formed text from one with a lone surrogate', () => {
    expect(isWellFormed('🌱 ok')).toBe(true);
    expect(isWellFormed('\ud83c')).toBe(false);
    expect(isWellFormed('\udf31x')).toBe(false);
  });
});
