import ExcelJS from 'exceljs';
import { StatisticsView } from '@cirkel/contracts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EXPORT_COLUMNS = ['indicator', 'value', 'participants_entered', 'jobs', 'fte'] as const;

type Cell = string | number | null;

/** The lines above the table: what it is, the period, and the disclosure rules applied. */
export function exportHeader(view: StatisticsView): string[] {
  return [
    'Cirkel: ESF+ common indicators (Regulation (EU) 2021/1057, Annex I)',
    `period: ${view.period.key} (${view.period.from} – ${view.period.to})`,
    view.suppressed
      ? `rules: ${view.rules}`
      : 'rules: none applied (detail rights): counts 1–4 are shown; do not publish this file. / regels: geen (detailrechten): aantallen 1–4 staan erin; niet publiceren.',
    `computed: ${view.computedAt ?? 'not yet'}`,
  ];
}

/** One row per indicator value, the total first; a hidden figure is an empty cell. */
export function exportRows(view: StatisticsView): Cell[][] {
  return [view.total, ...view.rows].map((r) => [r.dimension, r.group, r.participantsEntered?.value ?? null, r.jobs?.value ?? null, r.fte?.value ?? null]);
}

/**
 * RFC 4180, with a byte-order mark for spreadsheet programs. Each header line is one field beginning '#', quoted (`"# …"`)
 * when it holds a comma: a spreadsheet then shows it whole in the first cell, where unquoted its commas would split it.
 */
export function toCsv(view: StatisticsView): string {
  const quote = (v: Cell) => (v === null ? '' : typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [...exportHeader(view).map((h) => quote(`# ${h}`)), EXPORT_COLUMNS.join(','), ...exportRows(view).map((row) => row.map(quote).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same as a workbook: the header lines, then the table with its column names. */
export async function toXlsx(view: StatisticsView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cirkel';
  const sheet = workbook.addWorksheet(`ESF ${view.period.key}`);
  for (const line of exportHeader(view)) sheet.addRow([line]);
  sheet.addRow([]);
  sheet.addRow([...EXPORT_COLUMNS]).font = { bold: true };
  for (const row of exportRows(view)) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
