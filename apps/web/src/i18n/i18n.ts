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

/** The language: switched by the person and remembered in this browser; a person's own language when they have not chosen here. */
export function useLanguage() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  const setLanguage = useCallback(
    (next: PersonLanguage) => {
      localStorage.setItem(STORAGE_KEY, next);
      document.documentElement.lang = LANGUAGES[next];
      i18n.changeLanguage(LANGUAGES[next]);
    },
    [i18n],
  );
  const adoptPersonLanguage = useCallback(
    (personLanguage: PersonLanguage) => {
      if (storedLanguage() || currentLanguage(i18n.language) === personLanguage) return;
      document.documentElement.lang = LANGUAGES[personLanguage];
      i18n.changeLanguage(LANGUAGES[personLanguage]);
    },
    [i18n],
  );
  return { language, setLanguage, adoptPersonLanguage };
}

/** Date and time in Brussels, in the reader's language (i18next's Intl formatter). */
export const DATE_TIME = { formatParams: { at: { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE } } };
export const DATE_ONLY = { formatParams: { at: { dateStyle: 'long', timeZone: TIME_ZONE } } };
