import { DigestActivity, DigestBreakdown, DigestFiguresV2View, Language, Suppressible } from '@cirkel/contracts';
import { escapeHtml } from '../mail/mail-templates';
import { workDomainLabel } from '../mail/work-domain-labels';
import { stageLabel } from '../notifications/notification-messages';

/** What the city digest shows besides version 1's figures: the week's and the year's activity, and the year's jobs per month against the target. */
export interface CityDigestExtras {
  /** Plain-text lines. */
  activity: string;
  activityHtml: string;
  jobs: string;
  jobsHtml: string;
}

const ORGANISATION_TYPES: Record<string, Record<Language, string>> = {
  public: { nl: 'publieke partners', en: 'public partners' },
  regular: { nl: 'reguliere bedrijven', en: 'regular businesses' },
  social: { nl: 'sociale-economiebedrijven', en: 'social economy businesses' },
  knowledge: { nl: 'kennisinstellingen', en: 'knowledge institutions' },
  startup: { nl: 'starters', en: 'start-ups' },
  citizen: { nl: 'burgerinitiatieven', en: 'citizen initiatives' },
  unknown: { nl: 'soort nog niet bekend', en: 'type not known yet' },
};

const WORDS = {
  nl: {
    week: 'Deze week',
    year: 'Dit jaar',
    fewer: 'afgeschermd',
    organisationsRegistered: 'Nieuwe partners',
    organisationsApproved: 'Goedgekeurde partners',
    ideasSubmitted: 'Nieuwe ideeën, per werkdomein',
    stageMovements: 'Ideeën een fase verder, per bereikte fase',
    sessionsHeld: 'Coachingsessies gehouden',
    hours: 'uren coaching',
    registrations: 'Inschrijvingen voor programma’s',
    attended: 'Aanwezigheden in programma’s',
    jobsWeek: 'Nieuwe jobs deze week',
    jobsYear: 'Nieuwe jobs dit jaar',
    of: 'van',
    target: 'doel',
    noTarget: 'geen doel voor dit jaar',
    perMonth: 'Nieuwe jobs per maand',
    unknownDomain: 'werkdomein nog niet bekend',
  },
  en: {
    week: 'This week',
    year: 'This year',
    fewer: 'withheld',
    organisationsRegistered: 'New partners',
    organisationsApproved: 'Partners approved',
    ideasSubmitted: 'New ideas, by work domain',
    stageMovements: 'Ideas that moved on, by the stage reached',
    sessionsHeld: 'Coaching sessions held',
    hours: 'hours of coaching',
    registrations: 'Registrations for programmes',
    attended: 'Attendances at programmes',
    jobsWeek: 'Jobs created this week',
    jobsYear: 'Jobs created this year',
    of: 'of',
    target: 'target',
    noTarget: 'no target for this year',
    perMonth: 'Jobs created per month',
    unknownDomain: 'work domain not known yet',
  },
} as const;

const MONTHS = { nl: 'nl-BE', en: 'en-GB' } as const;

/** A count as the digest shows it: a number, or "withheld" where reporting withheld it. */
export function shownCount(figure: Suppressible, language: Language): string {
  if (figure.suppressed || figure.value === null) return WORDS[language].fewer;
  return new Intl.NumberFormat(MONTHS[language], { maximumFractionDigits: 1 }).format(figure.value);
}

const ZERO: Suppressible = { value: 0, suppressed: false };

interface Row {
  label: string;
  week: string;
  year: string;
  /** Indented under the row before (a group of a breakdown). */
  group?: boolean;
}

/** A breakdown's total and each group the year has (a group missing from the week had none that week). */
function breakdownRows(label: string, week: DigestBreakdown, year: DigestBreakdown, groupLabel: (group: string) => string, language: Language): Row[] {
  const weekOf = new Map(week.groups.map((g) => [g.group, g.count]));
  const groups = [...year.groups.map((g) => g.group), ...week.groups.map((g) => g.group).filter((g) => !year.groups.some((y) => y.group === g))];
  const yearOf = new Map(year.groups.map((g) => [g.group, g.count]));
  return [
    { label, week: shownCount(week.total, language), year: shownCount(year.total, language) },
    ...groups.map((group) => ({ label: groupLabel(group), week: shownCount(weekOf.get(group) ?? ZERO, language), year: shownCount(yearOf.get(group) ?? ZERO, language), group: true })),
  ];
}

function activityRows(week: DigestActivity, year: DigestActivity, language: Language): Row[] {
  const w = WORDS[language];
  const type = (t: string) => ORGANISATION_TYPES[t]?.[language] ?? t;
  const domain = (d: string) => (d === 'unknown' ? w.unknownDomain : workDomainLabel(d, language));
  return [
    ...breakdownRows(w.organisationsRegistered, week.organisationsRegistered, year.organisationsRegistered, type, language),
    ...breakdownRows(w.organisationsApproved, week.organisationsApproved, year.organisationsApproved, type, language),
    ...breakdownRows(w.ideasSubmitted, week.ideasSubmitted, year.ideasSubmitted, domain, language),
    ...breakdownRows(w.stageMovements, week.stageMovements, year.stageMovements, (s) => stageLabel(s, language), language),
    { label: w.sessionsHeld, week: shownCount(week.coaching.sessionsHeld, language), year: shownCount(year.coaching.sessionsHeld, language) },
    { label: w.hours, week: shownCount(week.coaching.hours, language), year: shownCount(year.coaching.hours, language), group: true },
    { label: w.registrations, week: shownCount(week.programmes.registrations, language), year: shownCount(year.programmes.registrations, language) },
    { label: w.attended, week: shownCount(week.programmes.attended, language), year: shownCount(year.programmes.attended, language) },
  ];
}

function tableHtml(rows: Row[], language: Language): string {
  const w = WORDS[language];
  return [
    `<table role="presentation" cellpadding="6" cellspacing="0" style="border-collapse:collapse;width:100%;font-size:14px;margin-top:16px;">`,
    `<tr><th align="left"></th><th align="right">${escapeHtml(w.week)}</th><th align="right">${escapeHtml(w.year)}</th></tr>`,
    ...rows.map((r) =>
      r.group
        ? `<tr><td style="padding-left:22px;color:#444;">${escapeHtml(r.label)}</td><td align="right" style="color:#444;">${escapeHtml(r.week)}</td><td align="right" style="color:#444;">${escapeHtml(r.year)}</td></tr>`
        : `<tr style="border-top:1px solid #dde3db;"><td>${escapeHtml(r.label)}</td><td align="right">${escapeHtml(r.week)}</td><td align="right">${escapeHtml(r.year)}</td></tr>`,
    ),
    '</table>',
  ].join('\n');
}

/** "maart 2026" / "March 2026" from "2026-03". */
function monthName(month: string, language: Language): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(MONTHS[language], { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, m - 1, 1)));
}

function jobsOf(view: DigestFiguresV2View, language: Language): { text: string; html: string } {
  const w = WORDS[language];
  const thisYear = view.yearToDate.figures.jobsCreated;
  const target = view.jobs.target;
  const progress =
    target === null
      ? w.noTarget
      : thisYear.suppressed || thisYear.value === null || target.jobs <= 0
        ? `${w.target} ${target.jobs}`
        : `${w.of} ${w.target} ${target.jobs} (${Math.round((thisYear.value / target.jobs) * 100)} %)`;
  const lines = [`${w.jobsWeek}: ${shownCount(view.week.figures.jobsCreated, language)}`, `${w.jobsYear}: ${shownCount(thisYear, language)}, ${progress}`];
  const months = view.jobs.perMonth.map((m) => ({ label: monthName(m.month, language), shown: shownCount(m.jobs, language), value: m.jobs.suppressed ? null : m.jobs.value }));
  const max = Math.max(1, ...months.map((m) => m.value ?? 0));
  const text = [...lines, `${w.perMonth}:`, ...months.map((m) => `  ${m.label}: ${m.shown}`)].join('\n');
  // Bars as table cells with a width: every common mail client shows them (no image, no script); a withheld month has no bar.
  const bars = months.map((m) => {
    const bar =
      m.value === null || m.value === 0
        ? ''
        : `<td style="width:${Math.max(1, Math.round((m.value / max) * 100))}%;background:#2f6b3a;height:14px;font-size:0;line-height:0;">&nbsp;</td>`;
    return `<tr><td style="width:30%;font-size:13px;">${escapeHtml(m.label)}</td><td><table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;"><tr>${bar}<td style="font-size:12px;padding-left:6px;">${escapeHtml(m.shown)}</td></tr></table></td></tr>`;
  });
  const html = [
    `<p style="margin:16px 0 4px;"><strong>${escapeHtml(lines[0])}</strong><br><strong>${escapeHtml(lines[1])}</strong></p>`,
    `<p style="margin:12px 0 4px;font-weight:bold;">${escapeHtml(w.perMonth)}</p>`,
    `<table role="presentation" cellpadding="3" cellspacing="0" style="width:100%;">`,
    ...bars,
    '</table>',
  ].join('\n');
  return { text, html };
}

/** The extras of a version 2 digest; empty for a digest kept before (version 1 figures carry none of them). */
export function cityDigestExtras(view: DigestFiguresV2View | null, language: Language): CityDigestExtras {
  if (!view) return { activity: '', activityHtml: '', jobs: '', jobsHtml: '' };
  const rows = activityRows(view.week.activity, view.yearToDate.activity, language);
  const jobs = jobsOf(view, language);
  return {
    activity: rows.map((r) => `${r.group ? '    ' : '- '}${r.label}: ${WORDS[language].week.toLowerCase()} ${r.week}, ${WORDS[language].year.toLowerCase()} ${r.year}`).join('\n'),
    activityHtml: tableHtml(rows, language),
    jobs: jobs.text,
    jobsHtml: jobs.html,
  };
}
