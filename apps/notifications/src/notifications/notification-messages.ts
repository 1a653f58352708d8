import { Language } from '@cirkel/contracts';
import { NotificationKind } from './notification.entity';

type Template = (params: Record<string, string>) => { title: string; body: string };

/** The text of each kind of notification, Dutch first, English second. */
const MESSAGES: Record<NotificationKind, Record<Language, Template>> = {
  'organisation-registered': {
    nl: (p) => ({
      title: `Nieuwe registratie: ${p.organisationName}`,
      body: `${p.registeredBy} registreerde ${p.organisationName} als partner van de hub. Bekijk de aanvraag en keur ze goed.`,
    }),
    en: (p) => ({
      title: `New registration: ${p.organisationName}`,
      body: `${p.registeredBy} registered ${p.organisationName} as a partner of the hub. Review and approve the request.`,
    }),
  },
};

export function renderNotification(kind: NotificationKind, language: Language, params: Record<string, string>): { title: string; body: string } {
  return MESSAGES[kind][language](params);
}
