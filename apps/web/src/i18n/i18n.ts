import i18next from 'i18next';
import { useCallback } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import { en } from './en';
import { nl } from './nl';

/** The app's languages: Dutch (Belgium) first; the API's person language is `nl` or `en`. */
export const LANGUAGES = { nl: 'nl-BE', en: 'en' } as const;
export type PersonLanguage = keyof typeof LANGUAGES;
const STORAGE_KEY = 'cirkel.language';
export const TIME_ZONE = 'Europe/Brussels';

function storedLanguage(): PersonLanguage | null {
  const value = globalThis.localStorage?.getItem(STORAGE_KEY);
  return value === 'nl' || value === 'en' ? value : null;
}

export function initI18n(language: PersonLanguage = storedLanguage() ?? 'nl'): typeof i18next {
  if (!i18next.isInitialized) {
    i18next.use(initReactI18next).init({
      resources: { 'nl-BE': { translation: nl }, en: { translation: en } },
      lng: LANGUAGES[language],
      fallbackLng: 'nl-BE',
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
    });
  } else {
    i18next.changeLanguage(LANGUAGES[language]);
  }
  document.documentElement.lang = LANGUAGES[language];
  return i18next;
}

export function currentLanguage(lng: string): PersonLanguage {
  return lng.startsWith('en') ? 'en' : 'nl';
}

/**
 * The language shown: in this browser, what was last chosen here (before logging in, or by a
 * person who logged in); once a person logs in, their own language, as the API keeps it for them.
 */
export function useLanguage() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const setLanguage = useCallback(
    (next: PersonLanguage) => {
      localStorage.setItem(STORAGE_KEY, next);
      document.documentElement.lang = LANGUAGES[next];
      if (currentLanguage(i18n.language) !== next) i18n.changeLanguage(LANGUAGES[next]);
    },
    [i18n],
  );
  return { language, setLanguage };
}

/** Date and time in Brussels, in the reader's language (i18next's Intl formatter). */
export const DATE_TIME = { formatParams: { at: { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE } } };
export const DATE_ONLY = { formatParams: { at: { dateStyle: 'long', timeZone: TIME_ZONE } } };
