import { DigestFiguresView } from '@cirkel/contracts';
import { join } from 'node:path';
import { cityDigestValues } from '../src/digests/city-digest-figures';
import { MailTemplates } from '../src/mail/mail-templates';
import { digestFiguresV2, figure } from './digest-figures.fixture';

/** The city digest's values, rendered in the reader's language from the figures kept with it. */
describe('the city digest values', () => {
  const v2 = digestFiguresV2('6f1c3c1e-2f0a-4a43-9d7e-1f3f2a9b7c11', '2026-W48');

  it('shows the activity of the week and of the year, withheld counts as such and never as a bar', () => {
    const en = cityDigestValues(v2, 'en');
    expect(en.activity).toContain('- New partners: this week 5, this year 23');
    expect(en.activity).toContain('    start-ups: this week 0, this year withheld');
    expect(en.activity).toContain('    business model: this week 0, this year 22');
    expect(en.activity).toContain('    hours of coaching: this week 13.5, this year 101.5');
    expect(en.jobs).toContain('Jobs created this week: 7');
    expect(en.jobs).toContain('Mar 2026: withheld');
    expect(en.jobs).toContain('Apr 2026: 0');
    // Four months, two bars: a withheld month and an empty one have none.
    expect(en.jobsHtml.match(/background:#2f6b3a/g)).toHaveLength(2);
    expect(en.activityHtml).toContain('<td style="padding-left:22px;color:#444;">social economy businesses</td>');
  });

  it('gives the week as reporting counted it: a year’s first week from 1 January (2026-W53: 1 to 3 January 2027)', () => {
    const first = digestFiguresV2(v2.hubId, '2026-W53');
    const week = { ...first, week: { ...first.week, from: '2027-01-01', to: '2027-01-03' }, yearToDate: { ...first.yearToDate, from: '2027-01-01', to: '2027-01-03' } };
    const values = { ...cityDigestValues(week, 'en'), name: 'Iemand', link: 'https://cirkel.test/digests/x', dashboardLink: 'https://cirkel.test/dashboard' };
    const mail = new MailTemplates(join(__dirname, '../src/mail/templates')).render('city-digest', 'en', values);
    expect(mail.text).toContain("The hub's figures for week 2026-W53 (2027-01-01 to 2027-01-03) and for this year:");
    expect(mail.subject).toBe('Cirkel weekly digest, week 2026-W53');
  });

  it('says when the hub has no target', () => {
    expect(cityDigestValues({ ...v2, jobs: { ...v2.jobs, target: null } }, 'nl').jobs).toContain('Nieuwe jobs dit jaar: 84, geen doel voor dit jaar');
  });

  it('still renders a digest kept from version 1 of the figures: no activity, bars per figure', () => {
    const v1: DigestFiguresView = { hubId: v2.hubId, week: { ...v2.week, figures: { ...v2.week.figures, jobsCreated: figure(null) } }, yearToDate: { ...v2.yearToDate }, rules: v2.rules };
    delete (v1.week as { activity?: unknown }).activity;
    delete (v1.yearToDate as { activity?: unknown }).activity;
    const nl = cityDigestValues(v1, 'nl');
    expect(nl.activity).toBe('');
    expect(nl.jobsHtml).toBe('');
    expect(nl.figures).toContain('Nieuwe jobs: deze week afgeschermd, dit jaar 84');
    expect(nl.figuresHtml).toContain('Dit jaar, per cijfer');
  });
});
