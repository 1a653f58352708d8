import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { INDICATORS } from '@cirkel/contracts';
import { startSystem, SystemUnderTest } from '@cirkel/testing';
import { Api } from './api-client';

/**
 * The ESF export on the demo's real figures (2026, stored by the seed's statistics run), through the
 * gateway and reporting as a hub admin downloads it: read back as a spreadsheet reads it (exceljs'
 * CSV reader and its XLSX reader), each file has its header lines, the columns, the total and one
 * row per value of each of the eight indicators, whose rows add up to the total.
 */
let system: SystemUnderTest;
let api: Api;
let admin: string;

beforeAll(async () => {
  system = await startSystem();
  api = new Api(system.gatewayUrl);
  admin = await api.login('admin@cirkel.test');
}, 240_000);

afterAll(async () => {
  await system?.stop();
});

type Cell = string | number | null;
const COLUMNS = ['indicator', 'value', 'participants_entered', 'jobs', 'fte'];

async function download(format: 'csv' | 'xlsx', suppressed: boolean): Promise<{ headers: Headers; rows: Cell[][] }> {
  const res = await fetch(`${system.gatewayUrl}/api/v1/statistics/export?period=2026&format=${format}&suppressed=${suppressed}`, { headers: { authorization: `Bearer ${admin}` } });
  expect(res.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  if (format === 'csv') {
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark (res.text() would drop it)
    await workbook.csv.read(Readable.from([bytes.subarray(3).toString('utf8')]));
  } else {
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  }
  const rows: Cell[][] = [];
  // Each row's cells from A on, padded to the table's columns (row.values is 1-based, and holds no trailing empty cells).
  const cellOf = (v: unknown): Cell => (v === undefined || v === null || v === '' ? null : (v as Cell));
  workbook.worksheets[0].eachRow({ includeEmpty: true }, (row) => {
    const values = row.values as unknown[];
    rows.push(Array.from({ length: Math.max(COLUMNS.length, values.length - 1) }, (_, i) => cellOf(values[i + 1])));
  });
  return { headers: res.headers, rows };
}

/** The header lines (each one cell beginning '#' in CSV), the table under the columns' row. */
function split(rows: Cell[][]): { header: string[]; table: Cell[][] } {
  const filled = (r: Cell[]) => r.filter((c) => c !== null);
  const columns = rows.findIndex((r) => r[0] === 'indicator');
  expect(rows[columns]).toEqual(COLUMNS);
  const header = rows.slice(0, columns).filter((r) => filled(r).length > 0);
  expect(header.map((r) => filled(r).length)).toEqual(header.map(() => 1));
  return { header: header.map((r) => String(r[0])), table: rows.slice(columns + 1).filter((r) => filled(r).length > 0) };
}

function checkTable(table: Cell[][], exact: boolean): void {
  const [total, ...rows] = table;
  expect(total.slice(0, 2)).toEqual(['total', null]);
  expect(total[3]).toBeGreaterThan(0);
  // One row per value of each indicator, in the vocabulary's order.
  expect(rows.map((r) => `${r[0]}:${r[1]}`)).toEqual(Object.entries(INDICATORS).flatMap(([indicator, values]) => values.map((v) => `${indicator}:${v}`)));
  for (const indicator of Object.keys(INDICATORS)) {
    const of = rows.filter((r) => r[0] === indicator);
    for (const column of [2, 3]) {
      const shown = of.map((r) => r[column]).filter((v): v is number => typeof v === 'number');
      const sum = shown.reduce((a, b) => a + b, 0);
      // The exact file adds up; a suppressed one leaves hidden cells empty, and what it shows never exceeds the total.
      if (exact) expect([indicator, column, sum]).toEqual([indicator, column, total[column]]);
      else expect(sum).toBeLessThanOrEqual(total[column] as number);
    }
    if (exact) expect(Math.abs(of.reduce((a, r) => a + (r[4] as number), 0) - (total[4] as number))).toBeLessThanOrEqual(0.01 * of.length);
  }
}

it('exports the exact figures as CSV and XLSX: header lines, columns, one row per indicator value adding up to the total', async () => {
  const csv = await download('csv', false);
  expect(csv.headers.get('content-disposition')).toBe('attachment; filename="cirkel-esf-2026-niet-publiceren.csv"');
  const { header, table } = split(csv.rows);
  expect(header).toHaveLength(4);
  expect(header.every((line) => line.startsWith('# '))).toBe(true);
  expect(header[0]).toBe('# Cirkel: ESF+ common indicators (Regulation (EU) 2021/1057, Annex I)'); // a comma in it: one cell all the same
  expect(header[1]).toBe('# period: 2026 (2026-01-01 – 2026-12-31)');
  expect(header[2]).toContain('do not publish');
  checkTable(table, true);

  const xlsx = split((await download('xlsx', false)).rows);
  expect(xlsx.header).toEqual(header.map((line) => line.slice(2)));
  expect(xlsx.table).toEqual(table);

  // The same figures as GET /statistics shows the hub admin.
  const view = (await api.call('GET', '/api/v1/statistics?period=2026&groupBy=indicator', { token: admin })).body;
  expect(table[0].slice(2)).toEqual([view.total.participantsEntered.value, view.total.jobs.value, view.total.fte.value]);
});

it('exports the suppressed figures with the rules in the header: each cell the exact one or empty, every 1–4 empty', async () => {
  const { header, table } = split((await download('csv', true)).rows);
  expect(header[2]).toMatch(/^# rules: .*1 to 4/);
  checkTable(table, false);
  const exact = split((await download('csv', false)).rows).table;
  table.forEach((row, r) => {
    // The counts (participants entered, jobs): a 1–4 empty, any other the exact one or empty; the FTE empty with the jobs.
    const counts = [2, 3].map((c) => ((exact[r][c] as number) >= 1 && (exact[r][c] as number) <= 4 ? null : row[c] === null ? null : exact[r][c]));
    expect([row[0], row[1], row[2], row[3], row[4]]).toEqual([row[0], row[1], ...counts, row[3] === null ? null : exact[r][4]]);
  });
  expect(split((await download('xlsx', true)).rows).table).toEqual(table);
});
