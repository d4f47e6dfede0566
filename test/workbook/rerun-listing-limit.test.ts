/**
 * A rerun that moves more rows than the change sheet lists (MAX_LISTED_CHANGES): the first ones are listed in row
 * order with their causes, every one is counted, per provider too (issue 25). The workbook is the benchmark's
 * contract round, just over the limit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateRows, PACK_ID, SHEET, writeDataWorkbook } from '../../bench/workbooks';
import type { CellValue } from '../../src/domain/parse';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { annotateWorkbook } from '../../src/workbook/jobs/annotate';
import { formatCount } from '../../src/domain/count';
import { CHANGE_HEADERS, CHANGES_SHEET, MAX_LISTED_CHANGES } from '../../src/workbook/jobs/change-sheet';
import { OUTPUT_HEADERS, OUT } from '../../src/workbook/headers';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';

const pack = getPack(PACK_ID)!;
const now = new Date('2026-12-01T10:00:00Z');
jest.setTimeout(240_000);

const params = (richttarief: string) => resolveParameters(pack, { richttarief }).values;

/** The tariff cell and AGB-code of every data row (0-based sheet row), read back from a written package. */
async function tariffs(data: Buffer): Promise<Array<{ row: number; agb: CellValue; tariff: CellValue }>> {
  const cells = await (await XlsxWorkbook.fromBuffer(data)).readSheet(SHEET);
  const col = cells[0].indexOf(OUTPUT_HEADERS[OUT.tariff]);
  expect(col).toBeGreaterThan(0);
  return cells.slice(1).map((line, i) => ({ row: i + 1, agb: line[0], tariff: line[col] ?? null }));
}

test('more changed rows than the sheet lists: the first listed in row order, all counted, per provider', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-lijst-'));
  try {
    const file = path.join(dir, 'invoer.xlsx');
    // about two rows in three have a tariff the richttarief moves
    await writeDataWorkbook(file, generateRows(Math.ceil(MAX_LISTED_CHANGES * 1.7)));
    const first = await XlsxWorkbook.fromFile(file);
    await annotateWorkbook(first, pack, params('95,5'), { now, keepResults: false });
    const before = await first.toBuffer();
    const rerun = await XlsxWorkbook.fromBuffer(before);
    const outcome = await annotateWorkbook(rerun, pack, params('97,3'), { now, keepResults: false, rerunWindow: 4_096 });
    const after = await rerun.toBuffer();

    // the rows whose tariff moved, from the two packages themselves
    const [a, b] = [await tariffs(before), await tariffs(after)];
    const moved = b.filter((x, i) => x.tariff !== a[i].tariff);
    expect(moved.length).toBeGreaterThan(MAX_LISTED_CHANGES);
    const changes = outcome.changes!;
    expect(changes.total).toBe(moved.length);
    expect(changes.listedCount).toBe(MAX_LISTED_CHANGES);
    const listed = changes.firstListed(changes.listedCount);
    expect(listed.map((c) => c.row)).toEqual(moved.slice(0, MAX_LISTED_CHANGES).map((x) => x.row));
    for (const c of listed) expect(c.causes.map((x) => x.kind)).toEqual(['parameter']);
    const perAgb = new Map<string, number>();
    for (const x of moved) perAgb.set(String(x.agb), (perAgb.get(String(x.agb)) ?? 0) + 1);
    expect(Object.fromEntries(changes.perProvider.map((p) => [p.agb, p.count]))).toEqual(Object.fromEntries(perAgb));

    // the sheet says that it lists only the first ones, and lists exactly those
    const sheet = await (await XlsxWorkbook.fromBuffer(after)).readSheet(CHANGES_SHEET);
    expect(sheet.some((line) => line[1] === `Alleen de eerste ${formatCount(MAX_LISTED_CHANGES)} staan hieronder; de samenvatting telt ze allemaal.`)).toBe(
      true,
    );
    const header = sheet.findIndex((line) => line[0] === CHANGE_HEADERS[0] && line[1] === CHANGE_HEADERS[1]);
    const rows = sheet.slice(header + 1).filter((line) => line.length);
    expect(rows.map((line) => line[0])).toEqual(moved.slice(0, MAX_LISTED_CHANGES).map((x) => x.row + 1));
    expect(rows.map((line) => line[8])).toEqual(moved.slice(0, MAX_LISTED_CHANGES).map((x) => x.tariff));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
