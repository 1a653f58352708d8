import { Language } from '@cirkel/contracts';
import { brusselsDateTime, calendarDay } from '../mail/brussels-time';
import { workDomainLabel } from '../mail/work-domain-labels';
import { NotificationKind } from './notification.entity';

type Template = (params: Record<string, string>) => { title: string; body: string };

/** The idea by its title, or "an idea" when the title is not known (yet). */
function ideaName(p: Record<string, string>, language: Language): string {
  if (p.ideaTitle) return language === 'nl' ? `„${p.ideaTitle}”` : `"${p.ideaTitle}"`;
  return language === 'nl' ? 'Een idee' : 'An idea';
}

/** What an organisation's proposed change asks for: a new name, a new enterprise number (or none), or both. */
function proposal(p: Record<string, string>, language: Language): string {
  const number = p.proposedEnterpriseNumber === undefined ? null : p.proposedEnterpriseNumber || (language === 'nl' ? 'geen' : 'none');
  const parts =
    language === 'nl'
      ? [p.proposedName !== undefined ? `de naam „${p.proposedName}”` : null, number !== null ? `ondernemingsnummer ${number}` : null]
      : [p.proposedName !== undefined ? `the name "${p.proposedName}"` : null, number !== null ? `enterprise number ${number}` : null];
  return parts.filter((x) => x !== null).join(language === 'nl' ? ' en ' : ' and ');
}

const STAGES: Record<Language, Record<string, string>> = {
  nl: { draft: 'ontwerp', submitted: 'ingediend', screening: 'screening', coaching: 'coaching', business_model: 'verdienmodel', pilot: 'pilot', launched: 'gelanceerd', parked: 'geparkeerd', withdrawn: 'ingetrokken' },
  en: { draft: 'draft', submitted: 'submitted', screening: 'screening', coaching: 'coaching', business_model: 'business model', pilot: 'pilot', launched: 'launched', parked: 'parked', withdrawn: 'withdrawn' },
};

/** An idea's stage in the reader's language (the name itself if unknown). */
export function stageLabel(stage: string, language: Language): string {
  return STAGES[language][stage] ?? stage;
}

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
  'organisation-change-proposed': {
    nl: (p) => ({
      title: `Wijziging wacht op goedkeuring: ${p.organisationName}`,
      body: `${p.organisationName} vraagt ${proposal(p, 'nl')}. De organisatie houdt haar naam en ondernemingsnummer tot een hubbeheerder de wijziging goedkeurt of afwijst.`,
    }),
    en: (p) => ({
      title: `A change waits for approval: ${p.organisationName}`,
      body: `${p.organisationName} asks for ${proposal(p, 'en')}. The organisation keeps its name and enterprise number until a hub admin approves or turns down the change.`,
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
  'assignment-proposed': {
    nl: (p) => ({ title: `Voorgesteld om te coachen: ${p.ideaTitle}`, body: `Het idee „${p.ideaTitle}” (${workDomainLabel(p.workDomain, 'nl')}) werd je voorgesteld. Aanvaard of weiger het voorstel.` }),
    en: (p) => ({ title: `Proposed to you: ${p.ideaTitle}`, body: `The idea "${p.ideaTitle}" (${workDomainLabel(p.workDomain, 'en')}) was proposed to you. Accept or decline the proposal.` }),
  },
  'session-reminder-due': {
    nl: (p) => ({ title: `Coachingsessie: ${p.ideaTitle}`, body: `De sessie over „${p.ideaTitle}” begint ${brusselsDateTime(p.startsAt, 'nl')}, ${p.place}.` }),
    en: (p) => ({ title: `Coaching session: ${p.ideaTitle}`, body: `The session on "${p.ideaTitle}" starts ${brusselsDateTime(p.startsAt, 'en')}, ${p.place}.` }),
  },
  'registration-promoted': {
    nl: (p) => ({ title: `Je hebt een plaats: ${p.programmeTitle}`, body: `Er kwam een plaats vrij in „${p.programmeTitle}”: je inschrijving is bevestigd.` }),
    en: (p) => ({ title: `You have a place: ${p.programmeTitle}`, body: `A place came free in "${p.programmeTitle}": your registration is confirmed.` }),
  },
  'idea-stage-changed': {
    nl: (p) => ({ title: `${ideaName(p, 'nl')}: ${STAGES.nl[p.to] ?? p.to}`, body: `${ideaName(p, 'nl')} ging van ${STAGES.nl[p.from] ?? p.from} naar ${STAGES.nl[p.to] ?? p.to}.` }),
    en: (p) => ({ title: `${ideaName(p, 'en')}: ${STAGES.en[p.to] ?? p.to}`, body: `${ideaName(p, 'en')} moved from ${STAGES.en[p.from] ?? p.from} to ${STAGES.en[p.to] ?? p.to}.` }),
  },
  'collaborator-joined': {
    nl: (p) => ({ title: `Nieuwe partner bij ${ideaName(p, 'nl')}`, body: `Een organisatie werkt voortaan mee aan ${ideaName(p, 'nl')}.` }),
    en: (p) => ({ title: `A new partner on ${ideaName(p, 'en')}`, body: `An organisation now works with you on ${ideaName(p, 'en')}.` }),
  },
  'charter-published': {
    nl: (p) => ({ title: `Nieuwe versie van het charter (versie ${p.version})`, body: 'De hub publiceerde een nieuwe intentieverklaring. Lees ze en onderteken ze opnieuw voor je organisatie.' }),
    en: (p) => ({ title: `A new version of the charter (version ${p.version})`, body: "The hub published a new charter. Read it and sign it again for your organisation." }),
  },
  'city-digest': {
    nl: (p) => ({ title: `Weekoverzicht van de hub, week ${p.week}`, body: 'De cijfers van de voorbije week en van dit jaar: nieuwe jobs, deelnemers en meer.' }),
    en: (p) => ({ title: `The hub's weekly digest, week ${p.week}`, body: 'The figures of the past week and of this year: new jobs, participants and more.' }),
  },
  'action-overdue': {
    nl: (p) => ({ title: `Actie over tijd: ${p.description}`, body: `De actie „${p.description}” bij „${p.ideaTitle}” moest klaar zijn op ${calendarDay(p.dueOn, 'nl')}.` }),
    en: (p) => ({ title: `Action overdue: ${p.description}`, body: `The action "${p.description}" for "${p.ideaTitle}" was due on ${calendarDay(p.dueOn, 'en')}.` }),
  },
};

/** Whether a kind has in-app texts (an e-mail template may use them as `{{title}}` and `{{body}}`). */
export function hasNotificationText(kind: string): kind is NotificationKind {
  return Object.prototype.hasOwnProperty.call(MESSAGES, kind);
}

export function renderNotification(kind: NotificationKind, language: Language, params: Record<string, string>): { title: string; body: string } {
  return MESSAGES[kind][language](params);
}
