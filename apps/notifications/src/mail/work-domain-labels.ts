import { Language, WorkDomain } from '@cirkel/contracts';

/** Work domains as e-mails name them, Dutch first. */
const LABELS: Record<WorkDomain, Record<Language, string>> = {
  green: { nl: 'groenontwikkeling', en: 'green development' },
  mobility: { nl: 'mobiliteit', en: 'mobility' },
  hospitality: { nl: 'horeca', en: 'hospitality' },
  industry: { nl: 'industrie', en: 'industry' },
  care: { nl: 'zorg', en: 'care' },
  mentoring: { nl: 'mentoring en coaching', en: 'mentoring and coaching' },
  other: { nl: 'andere', en: 'other' },
};

export function workDomainLabel(domain: string, language: Language): string {
  return LABELS[domain as WorkDomain]?.[language] ?? domain;
}
