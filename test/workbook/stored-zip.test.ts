/** The browser's zip (stored, CRC-32 in plain TS): checked against node's zlib, Python's zipfile and openpyxl. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { resolveParameters } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { providerBijlagen, bijlageWorkbookBase64 } from '../../src/taskpane/bijlage-action';
import { XlsxWorkbook } from '../../src/workbook/xlsx/adapter';
import { newWorkbookBytes } from '../../src/workbook/xlsx/new-workbook';
import { crc32, storedZip, toBase64 } from '../../src/workbook/xlsx/stored-zip';
import { ZipReader } from '../../src/workbook/xlsx/zip';
import { ROWS, SLASH_NAME, writeBijlagenWorkbook } from '../fixtures/bijlagen-workbook';

const PY = '/usr/bin/python3';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-stored-zip-'));

test('crc32 equals node zlib.crc32 on empty, short, long and non-ASCII input', () => {
  const inputs = [Buffer.alloc(0), Buffer.from('a'), Buffer.from('Zorg/Welzijn € ë'), Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 7919) % 256))];
  for (const b of inputs) expect(crc32(new Uint8Array(b))).toBe(zlib.crc32(b));
});

test('toBase64 equals Buffer base64, also past one chunk', () => {
  const bytes = new Uint8Array(Array.from({ length: 100001 }, (_, i) => (i * 31) % 256));
  expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
});

test("Python's zipfile reads every part back with a good CRC; the project's reader too", async () => {
  const parts: Array<[string, string]> = [
    ['a.txt', 'hallo'],
    ['map/ë.xml', '<x>€</x>'],
  ];
  const file = path.join(dir, 'parts.zip');
  fs.writeFileSync(file, storedZip(parts));
  const py =
    'import sys,zipfile,json;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print(json.dumps({n:z.read(n).decode() for n in z.namelist()}))';
  expect(JSON.parse(execFileSync(PY, ['-c', py, file], { encoding: 'utf8' }))).toEqual(Object.fromEntries(parts));
  const reader = new ZipReader(fs.readFileSync(file));
  const entry = reader.get('map/ë.xml')!;
  await reader.verify(entry);
  expect(reader.text('map/ë.xml')).toBe('<x>€</x>');
});

const CELLS = `
import sys, json, openpyxl
out = []
for f in sys.argv[1:]:
    wb = openpyxl.load_workbook(f)
    out.append({ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb.worksheets})
print(json.dumps(out, default=str))
`;

test("the pane's bijlage package opens in openpyxl with the same cells as the CLI's file", async () => {
  const pack = getPack('zk-ggz-2025')!;
  const { values: params } = resolveParameters(pack, { richttarief: '96', richttarief_vv: '95,5' });
  const input = path.join(dir, 'aanbieders.xlsx');
  await writeBijlagenWorkbook(input);
  const agb = ROWS.find((r) => r[1] === SLASH_NAME)![0];
  const [bijlage] = await providerBijlagen(await XlsxWorkbook.fromFile(input), pack, params, agb, { year: 2025, month: 10, day: 25 }, []);
  const pane = path.join(dir, 'pane.xlsx');
  const cli = path.join(dir, 'cli.xlsx');
  fs.writeFileSync(pane, Buffer.from(bijlageWorkbookBase64(bijlage.doc), 'base64'));
  fs.writeFileSync(cli, await newWorkbookBytes([bijlage.doc]));
  const [paneCells, cliCells] = JSON.parse(execFileSync(PY, ['-c', CELLS, pane, cli], { encoding: 'utf8' })) as Array<Record<string, unknown[][]>>;
  expect(paneCells).toEqual(cliCells);
  expect(JSON.stringify(paneCells)).toContain(agb);
  expect(JSON.stringify(paneCells)).toContain(SLASH_NAME);
});
