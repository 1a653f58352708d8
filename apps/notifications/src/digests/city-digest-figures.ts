import { DigestFiguresV2View, DigestFiguresView, Language } from '@cirkel/contracts';
import { escapeHtml } from '../mail/mail-templates';
import { cityDigestExtras, shownCount as shown } from './city-digest-activity';

const FIGURES = ['jobsCreated', 'socialEconomyJobs', 'fte', 'participantsEntered', 'participantsLeft'] as const;

const LABELS: Record<(typeof FIGURES)[number], Record<Language, string>> = {
  jobsCreated: { nl: 'Nieuwe jobs', en: 'Jobs created' },
  socialEconomyJobs: { nl: 'waarvan in de sociale economie', en: 'of which in the social economy' },
  fte: { nl: 'Voltijdse equivalenten', en: 'Full-time equivalents' },
  participantsEntered: { nl: 'Deelnemers ingestapt', en: 'Participants who entered' },
  participantsLeft: { nl: 'Deelnemers uitgestapt', en: 'Participants who left' },
};

const WORDS = {
  nl: { week: 'Deze week', year: 'Dit jaar', fewer: 'afgeschermd', chart: 'Dit jaar, per cijfer' },
  en: { week: 'This week', year: 'This year', fewer: 'withheld', chart: 'This year, by figure' },
} as const;

/** The figures of a digest kept from version 2 of `reporting.get-digest-figures`; null for one kept from version 1. */
export function asVersion2(view: DigestFiguresView | DigestFiguresV2View): DigestFiguresV2View | null {
  return 'jobs' in view && 'activity' in view.week ? (view as DigestFiguresV2View) : null;
}

/**
 * The digest's figures as plain text and as HTML tables with bars (plain `<td>` widths, which
 * every common mail client shows; no image, no script). A withheld count is shown as such, never
 * as a bar. A digest of version 2 also shows the week's and the year's activity and the year's jobs
 * per month against the target (bars per month); one of version 1 has bars per figure instead.
 */
export function cityDigestValues(view: DigestFiguresView | DigestFiguresV2View, language: Language): Record<string, string> {
  const v2 = asVersion2(view);
  const w = WORDS[language];
  const rows = FIGURES.map((key) => ({ label: LABELS[key][language], week: shown(view.week.figures[key], language), year: shown(view.yearToDate.figures[key], language), bar: view.yearToDate.figures[key] }));
  const max = Math.max(1, ...rows.map((r) => (r.bar.suppressed ? 0 : (r.bar.value ?? 0))));
  const text = rows.map((r) => `- ${r.label}: ${w.week.toLowerCase()} ${r.week}, ${w.year.toLowerCase()} ${r.year}`).join('\n');
  const table = [
    `<table role="presentation" cellpadding="6" cellspacing="0" style="border-collapse:collapse;width:100%;font-size:14px;">`,
    `<tr><th align="left"></th><th align="right">${escapeHtml(w.week)}</th><th align="right">${escapeHtml(w.year)}</th></tr>`,
    ...rows.map((r) => `<tr style="border-top:1px solid #dde3db;"><td>${escapeHtml(r.label)}</td><td align="right">${escapeHtml(r.week)}</td><td align="right">${escapeHtml(r.year)}</td></tr>`),
    '</table>',
  ].join('\n');
  const bars = rows
    .filter((r) => !r.bar.suppressed && r.bar.value !== null)
    .map((r) => {
      const width = Math.max(1, Math.round(((r.bar.value as number) / max) * 100));
      return `<tr><td style="width:40%;font-size:13px;">${escapeHtml(r.label)}</td><td><table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;"><tr><td style="width:${width}%;background:#2f6b3a;height:14px;font-size:0;line-height:0;">&nbsp;</td><td style="font-size:12px;padding-left:6px;">${escapeHtml(r.year)}</td></tr></table></td></tr>`;
    });
  const chart = `<p style="margin:16px 0 4px;font-weight:bold;">${escapeHtml(w.chart)}</p>\n<table role="presentation" cellpadding="3" cellspacing="0" style="width:100%;">\n${bars.join('\n')}\n</table>`;
  return { week: view.week.key, from: view.week.from, to: view.week.to, figures: text, rules: view.rules, figuresHtml: v2 ? table : `${table}\n${chart}`, ...cityDigestExtras(v2, language) };
}
