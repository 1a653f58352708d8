import { Language } from '@cirkel/contracts';

const LOCALES: Record<Language, string> = { nl: 'nl-BE', en: 'en-GB' };

/** A moment as people in the hub read it: Europe/Brussels, in the reader's language ("maandag 7 december 2026 om 14:00"). */
export function brusselsDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: 'Europe/Brussels', dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar day (`2026-12-07`) in the reader's language. */
export function calendarDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: 'UTC', dateStyle: 'long' }).format(new Date(`${day}T00:00:00Z`));
}
