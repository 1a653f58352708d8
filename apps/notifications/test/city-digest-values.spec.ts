import { DigestFiguresView } from '@cirkel/contracts';
import { cityDigestValues } from '../src/digests/city-digest-figures';
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
