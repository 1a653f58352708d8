import { isoWeek } from '../statistics/periods';
import { daysCounted, piecesOf } from './digest-figures';

describe('the pieces a year of weekly digests is counted in', () => {
  it('cuts each week of the year at the months, the first week from 1 January (2026: a Thursday)', () => {
    const { pieces, weeks } = piecesOf(isoWeek('2026-W06'));
    expect(weeks).toBe(6);
    expect(pieces.slice(0, 2)).toEqual([
      { key: 'w0:2026-01-01', from: '2026-01-01', until: '2026-01-05', week: 0, month: '2026-01' },
      { key: 'w1:2026-01-05', from: '2026-01-05', until: '2026-01-12', week: 1, month: '2026-01' },
    ]);
    // Monday 26 January to Sunday 1 February: January's last six days, then February's first.
    expect(pieces.filter((p) => p.week === 4).map((p) => [p.from, p.until, p.month])).toEqual([
      ['2026-01-26', '2026-02-01', '2026-01'],
      ['2026-02-01', '2026-02-02', '2026-02'],
    ]);
    expect(pieces[pieces.length - 1]).toMatchObject({ week: 5, until: '2026-02-09' });
  });

  it('counts a week whose Sunday is in the next year as that year’s first, from 1 January (2026-W53: 28 December to 3 January)', () => {
    expect(piecesOf(isoWeek('2026-W53'))).toEqual({
      weeks: 1,
      pieces: [{ key: 'w0:2027-01-01', from: '2027-01-01', until: '2027-01-04', week: 0, month: '2027-01' }],
    });
    expect(daysCounted(isoWeek('2026-W53'))).toEqual({ key: '2026-W53', from: '2027-01-01', until: '2027-01-04' });
    // 2024 began on a Monday: the whole week.
    expect(piecesOf(isoWeek('2024-W01')).pieces).toEqual([{ key: 'w0:2024-01-01', from: '2024-01-01', until: '2024-01-08', week: 0, month: '2024-01' }]);
    expect(daysCounted(isoWeek('2024-W01'))).toEqual(isoWeek('2024-W01'));
    // A week of December wholly in its year is counted whole.
    expect(daysCounted(isoWeek('2026-W52'))).toEqual(isoWeek('2026-W52'));
  });
});
