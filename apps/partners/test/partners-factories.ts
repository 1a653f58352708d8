import { OrganisationType, WorkDomain } from '@cirkel/contracts';

/** Long enough for the password rule; every test person gets it. */
export const TEST_PASSWORD = 'correct horse battery';

let counter = 0;

/** An e-mail address no other test (in any namespace) uses: addresses are unique across hubs. */
export function uniqueEmail(who = 'person'): string {
  counter += 1;
  return `${who}-${counter}-${Math.random().toString(36).slice(2, 10)}@test.cirkel.example`;
}

export interface RegistrationOverrides {
  name?: string;
  type?: OrganisationType;
  enterpriseNumber?: string;
  workDomains?: WorkDomain[];
  email?: string;
  personName?: string;
  language?: 'nl' | 'en';
}

/** The data of a register-organisation request, with unique names and e-mail address unless told otherwise. */
export function registrationInput(hub: string, overrides: RegistrationOverrides = {}) {
  counter += 1;
  return {
    hub,
    organisation: {
      name: overrides.name ?? `Organisation ${counter}`,
      type: overrides.type ?? 'social',
      ...(overrides.enterpriseNumber !== undefined ? { enterpriseNumber: overrides.enterpriseNumber } : {}),
      workDomains: overrides.workDomains ?? ['green'],
    },
    person: {
      name: overrides.personName ?? `Person ${counter}`,
      email: overrides.email ?? uniqueEmail(),
      password: TEST_PASSWORD,
      language: overrides.language ?? 'nl',
    },
  };
}

/** A valid enterprise number (KBO mod-97) from eight digits. */
export function enterpriseNumber(firstEight: string): string {
  return `${firstEight}${String(97 - (Number(firstEight) % 97)).padStart(2, '0')}`;
}

/** Eight digits starting with 0, different on each call, for enterprise numbers no other test uses. */
export function freshFirstEight(): string {
  return `0${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
}
