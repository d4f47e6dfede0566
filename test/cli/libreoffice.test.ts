/** Workbooks written by Tariefwijzer must open in another spreadsheet program: round-trip through LibreOffice. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { workbookFrom } from '../workbook/helpers';
import { columnLetter, OUTPUT_HEADERS } from '../../src/workbook/headers';

jest.setTimeout(120_000);

test('an annotated workbook survives LibreOffice: values, text that looks like a formula, the metadata sheet', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-lo-'));
  try {
    const input = path.join(dir, 'in.xlsx');
    await workbookFrom({
      GGZ: [
        ['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief', 'Som'],
        ['73730001', '=HYPERLINK("http://x")', 'Z1105', 'GGZ W5', 'ZZP', 300, { formula: 'F2*2', result: 600 }],
        ['73730002', '@Zorg', 'Z1007', null, null, '412,18', null],
        ['73730003', '-Min Zorg', 'Q999', null, null, 100, null],
      ],
    }).save(input);
    const out = path.join(dir, 'out.xlsx');
    const code = await main(['annotate', input, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3', '--out', out, '--json'], {
      out: () => {},
      err: () => {},
    });
    expect(code).toBe(3); // written, and the deliberate Q999 row has no tariff
    const converted = path.join(dir, 'lo');
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', converted, out], {
      stdio: 'pipe',
      env: { ...process.env, HOME: dir },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(converted, 'out.xlsx'));
    const ws = wb.getWorksheet('GGZ')!;
    expect(ws.getCell('H1').value).toBe('Tariefwijzer percentage');
    expect(ws.getCell('I2').value).toBe(297.9);
    expect(ws.getCell('I3').value).toBe(412.18);
    expect(ws.getCell('I4').value).toBeNull();
    expect(String(ws.getCell('J4').value)).toContain('[fout] Geen geldige prestatiecode:'); // Q999: no Wlz code starts with Q
    // text that starts with = or @ or - came back as text, not as a formula
    for (const [addr, text] of [
      ['B2', '=HYPERLINK("http://x")'],
      ['B3', '@Zorg'],
      ['B4', '-Min Zorg'],
    ]) {
      expect(ws.getCell(addr).value).toBe(text);
      expect(ws.getCell(addr).formula).toBeUndefined();
    }
    // the user's own formula is still a formula
    expect(ws.getCell('G2').formula).toBe('F2*2');
    expect(wb.getWorksheet('Tariefwijzer')!.getCell('B3').value).toBe('zk-ggz-2025');
    // the highlighting of flagged rows survives too
    const cfs = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae: string[] }> }> }).conditionalFormattings;
    expect(cfs.map((c) => [c.ref, c.rules.map((r) => r.formulae[0])])).toEqual([
      [`H2:${columnLetter(7 + OUTPUT_HEADERS.length - 1)}4`, ['ISNUMBER(FIND("[waarschuwing]",$J2))', 'ISNUMBER(FIND("[fout]",$J2))']],
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
