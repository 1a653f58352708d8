import { formatEnterpriseNumber, normaliseEnterpriseNumber } from './enterprise-number';
import { RegisterOrganisation } from './partners.requests';

describe('normaliseEnterpriseNumber', () => {
  it('accepts both notations and answers ten digits', () => {
    expect(normaliseEnterpriseNumber('0123.456.749')).toBe('0123456749');
    expect(normaliseEnterpriseNumber('0123456749')).toBe('0123456749');
    expect(normaliseEnterpriseNumber(' 0123.456.749 ')).toBe('0123456749');
  });

  it('accepts the numbers starting with 1 given out since 2023', () => {
    expect(normaliseEnterpriseNumber('1023.456.797')).toBe('1023456797');
  });

  it('refuses a wrong check number, a wrong first digit, and wrong shapes', () => {
    expect(normaliseEnterpriseNumber('0123.456.748')).toBeNull();
    expect(normaliseEnterpriseNumber('2000.000.042')).toBeNull(); // passes mod-97, but starts with 2
    expect(normaliseEnterpriseNumber('123.456.749')).toBeNull();
    expect(normaliseEnterpriseNumber('0123-456-749')).toBeNull();
    expect(normaliseEnterpriseNumber('BE0123456749')).toBeNull();
  });

  it('formats ten digits with dots', () => {
    expect(formatEnterpriseNumber('0123456749')).toBe('0123.456.749');
  });

  it('is what register-organisation checks', () => {
    const data = (enterpriseNumber: string) => ({
      hub: 'genk',
      organisation: { name: 'Test', type: 'social', enterpriseNumber },
      person: { name: 'Test Person', email: 'a@b.test', password: 'long enough password' },
    });
    expect(RegisterOrganisation.input.parse(data('0123.456.749')).organisation.enterpriseNumber).toBe('0123456749');
    expect(RegisterOrganisation.input.safeParse(data('0123.456.748')).success).toBe(false);
  });
});
