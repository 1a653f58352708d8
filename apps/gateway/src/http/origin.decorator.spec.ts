import { preferredLanguage } from './origin.decorator';

describe('preferredLanguage', () => {
  it.each([
    ['nl-BE,nl;q=0.9,en;q=0.8', 'nl'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr-BE,fr;q=0.9,en;q=0.5,nl;q=0.4', 'en'],
    ['nl;q=0.2, en;q=0.8', 'en'],
    ['en;q=0, nl', 'nl'],
    ['fr-BE', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, language) => {
    expect(preferredLanguage(header)).toBe(language);
  });
});
