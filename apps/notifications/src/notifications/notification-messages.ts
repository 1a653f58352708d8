import { Language } from '@cirkel/contracts';
import { workDomainLabel } from '../mail/work-domain-labels';
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
  'idea-submitted': {
    nl: (p) => ({
      title: `Nieuw idee in ${workDomainLabel(p.workDomain, 'nl')}: ${p.ideaTitle}`,
      body: `Een partner diende het idee „${p.ideaTitle}” in, in een domein waarin je coacht. Bekijk het en laat weten of je het wilt begeleiden.`,
    }),
    en: (p) => ({
      title: `New idea in ${workDomainLabel(p.workDomain, 'en')}: ${p.ideaTitle}`,
      body: `A partner submitted the idea "${p.ideaTitle}" in a domain you coach in. Have a look and say whether you would like to coach it.`,
    }),
  },
};

export function renderNotification(kind: NotificationKind, language: Language, params: Record<string, string>): { title: string; body: string } {
  return MESSAGES[kind][language](params);
}
