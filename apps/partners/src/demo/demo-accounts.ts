import { HubRole, Language, normaliseEnterpriseNumber, OrganisationType, WorkDomain } from '@cirkel/contracts';

/** Every demo account logs in with this password. */
export const DEMO_PASSWORD = 'cirkel-demo';

export const DEMO_HUB = { slug: 'genk', name: 'Genk' } as const;

export interface DemoStaffMember {
  name: string;
  email: string;
  language: Language;
  roles: HubRole[];
  /** The partner organisation they work for (a job coach's participants are that organisation's). */
  memberOf?: string;
}

/** The hub's own staff; the first is the hub admin who publishes the charter and approves partners. */
export const DEMO_ADMIN: DemoStaffMember = { name: 'Hanne Peeters', email: 'admin@cirkel.test', language: 'nl', roles: ['hub_admin'] };

export const DEMO_STAFF: DemoStaffMember[] = [
  { name: 'Koen Vanderhoven', email: 'city@cirkel.test', language: 'nl', roles: ['city_staff'] },
  { name: 'Prof. Elif Yilmaz', email: 'mentor@cirkel.test', language: 'en', roles: ['mentor'] },
  // More mentors of other domains, capacities and loads (coaching's demo seed gives them their profiles).
  { name: 'Wim Goossens', email: 'mentor.groen@cirkel.test', language: 'nl', roles: ['mentor'] },
  { name: 'Leen Maes', email: 'mentor.horeca@cirkel.test', language: 'nl', roles: ['mentor'] },
  { name: 'Rik Vermeulen', email: 'mentor.zorg@cirkel.test', language: 'nl', roles: ['mentor'] },
  { name: 'Dirk Janssens', email: 'coach@cirkel.test', language: 'nl', roles: ['job_coach'], memberOf: 'Alternatief' },
];

export interface DemoOrganisation {
  name: string;
  type: OrganisationType;
  workDomains: WorkDomain[];
  enterpriseNumber?: string;
  /** Registers the organisation and becomes its org admin. */
  contact: { name: string; email: string; language: Language };
  /** Approved by the hub admin (else left pending, for the admin to approve in the demo). */
  active: boolean;
  /** Signs the current charter (only an active organisation can). */
  signs: boolean;
}

/**
 * Partners from the steering group "Impact vanuit Genk", and two of our own invention (Tweede Ronde,
 * Buurtmoestuin Zwartberg). Real organisations get no enterprise number (we do not know theirs); the
 * invented start-up gets a fictitious one whose check digits are computed with the mod-97 rule.
 */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Alternatief',
    type: 'social',
    workDomains: ['care', 'green', 'hospitality', 'mentoring'],
    contact: { name: 'Sofie Claes', email: 'partner@cirkel.test', language: 'nl' },
    active: true,
    signs: true,
  },
  {
    name: 'Stad Genk',
    type: 'public',
    workDomains: ['green', 'mobility', 'care', 'mentoring'],
    contact: { name: 'Bart Moons', email: 'stadgenk@cirkel.test', language: 'nl' },
    active: true,
    signs: true,
  },
  {
    name: 'OCMW Genk',
    type: 'public',
    workDomains: ['care', 'mentoring'],
    contact: { name: 'Nadia El Amrani', email: 'ocmw@cirkel.test', language: 'nl' },
    active: true,
    signs: false,
  },
  {
    name: 'Zorgbedrijf Genk',
    type: 'public',
    workDomains: ['care', 'hospitality'],
    contact: { name: 'Lien Vos', email: 'zorgbedrijf@cirkel.test', language: 'nl' },
    active: true,
    signs: false,
  },
  {
    name: 'HiGenius',
    type: 'regular',
    workDomains: ['industry', 'mobility'],
    contact: { name: 'Tom Hendrickx', email: 'higenius@cirkel.test', language: 'nl' },
    active: true,
    signs: true,
  },
  {
    name: 'KRC Genk',
    type: 'regular',
    workDomains: ['hospitality', 'other'],
    contact: { name: 'Giuseppe Russo', email: 'krcgenk@cirkel.test', language: 'nl' },
    active: true,
    signs: false,
  },
  {
    name: 'KU Leuven',
    type: 'knowledge',
    workDomains: ['mentoring', 'industry'],
    contact: { name: 'An Wouters', email: 'kuleuven@cirkel.test', language: 'en' },
    active: true,
    signs: false,
  },
  {
    name: 'IN-Z',
    type: 'social',
    workDomains: ['green', 'industry', 'care'],
    contact: { name: 'Marc Lenaerts', email: 'inz@cirkel.test', language: 'nl' },
    active: true,
    signs: true,
  },
  {
    name: 'Tweede Ronde',
    type: 'startup',
    workDomains: ['mobility', 'industry'],
    enterpriseNumber: fictitiousEnterpriseNumber('07981234'),
    contact: { name: 'Yasmine Bouzid', email: 'tweederonde@cirkel.test', language: 'nl' },
    active: true,
    signs: false,
  },
  {
    name: 'Buurtmoestuin Zwartberg',
    type: 'citizen',
    workDomains: ['green', 'hospitality'],
    contact: { name: 'Jef Smeets', email: 'moestuin@cirkel.test', language: 'nl' },
    active: false,
    signs: false,
  },
];

/** Ten digits: the eight given, then 97 minus their value modulo 97 (the KBO check). */
export function fictitiousEnterpriseNumber(firstEight: string): string {
  const digits = `${firstEight}${String(97 - (Number(firstEight) % 97)).padStart(2, '0')}`;
  if (normaliseEnterpriseNumber(digits) !== digits) throw new Error(`${digits} is not a valid enterprise number`);
  return digits;
}
