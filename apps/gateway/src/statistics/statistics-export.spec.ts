import ExcelJS from 'exceljs';
import { StatisticsView } from '@cirkel/contracts';
import { EXPORT_COLUMNS, toCsv, toXlsx } from './statistics-export';

const figure = (value: number | null) => ({ value, suppressed: value === null });
const view = (suppressed: boolean): StatisticsView => ({
  period: { key: '2026-Q2', from: '2026-04-01', to: '2026-06-30' },
  groupBy: 'indicator',
  suppressed,
  rules: suppressed ? 'Counts from 1 to 4 are hidden' : null,
  total: { dimension: 'total', group: '', jobs: figure(10), fte: figure(9.5), participantsEntered: figure(12) },
  rows: [
    { dimension: 'gender', group: 'woman', jobs: figure(8), fte: figure(7.5), participantsEntered: figure(8) },
    { dimension: 'gender', group: 'man', jobs: figure(suppressed ? null : 2), fte: figure(suppressed ? null : 2), participantsEntered: figure(4) },
  ],
  computedAt: '2026-07-01T00:00:00.000Z',
});

describe('the ESF export', () => {
  it('writes CSV: a header naming the rules, the columns, the total first, a hidden figure empty', () => {
    const lines = toCsv(view(true)).replace(/^\uFEFF/, '').split('\r\n');
    // A header line holding a comma is quoted whole, so that a spreadsheet shows it in one cell.
    expect(lines[0]).toBe('"# Cirkel: ESF+ common indicators (Regulation (EU) 2021/1057, Annex I)"');
    expect(lines[2]).toBe('# rules: Counts from 1 to 4 are hidden');
    expect(lines[4]).toBe(EXPORT_COLUMNS.join(','));
    expect(lines.slice(5, 8)).toEqual(['total,,12,10,9.5', 'gender,woman,8,8,7.5', 'gender,man,4,,']);
    expect(toCsv(view(false))).toContain('rules: none applied (detail rights)');
  });

  it('writes the same as XLSX, whose rows of each indicator add up to the total', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(view(false))) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
    const sheet = workbook.worksheets[0];
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const header = rows.findIndex((r) => r[0] === 'indicator');
    expect(rows[header]).toEqual([...EXPORT_COLUMNS]);
    const [total, ...gender] = rows.slice(header + 1);
    expect(total).toEqual(['total', '', 12, 10, 9.5]);
    expect(gender.reduce((sum, r) => sum + (r[3] as number), 0)).toBe(total[3]);
    expect(gender.reduce((sum, r) => sum + (r[2] as number), 0)).toBe(total[2]);
  });
});
