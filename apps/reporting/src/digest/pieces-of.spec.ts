import { isoWeek } from '../statistics/periods';
import { piecesOf } from './digest-figures';

describe('the pieces a year of weekly digests is counted in', () => {
  it('cuts each week of the year at the months, the first week at the year (2026: Thursday 1 January)', () => {
    const { pieces, weeks } = piecesOf(isoWeek('2026-W06'));
    expect(weeks).toBe(6);
    expect(pieces.slice(0, 3)).toEqual([
      { key: 'w0:2025-12-29', from: '2025-12-29', until: '2026-01-01', week: 0, month: null },
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

  it('counts a week whose Sunday is in the next year as that year’s first (2026-W53: 28 December to 3 January)', () => {
    expect(piecesOf(isoWeek('2026-W53'))).toEqual({
      weeks: 1,
      pieces: [
        { key: 'w0:2026-12-28', from: '2026-12-28', until: '2027-01-01', week: 0, month: null },
        { key: 'w0:2027-01-01', from: '2027-01-01', until: '2027-01-04', week: 0, month: '2027-01' },
      ],
    });
    // 2024 began on a Monday: no days of the year before.
    expect(piecesOf(isoWeek('2024-W01')).pieces).toEqual([{ key: 'w0:2024-01-01', from: '2024-01-01', until: '2024-01-08', week: 0, month: '2024-01' }]);
  });
});
