/** The beoordelingen workbook written by `tariefwijzer assess` opens in LibreOffice with its texts intact. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';

jest.setTimeout(120_000);

test('assess output survives a LibreOffice round trip', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-lo-assess-'));
  try {
    execFileSync(process.execPath, [path.join(__dirname, '../../scripts/make-aanvraag-examples.js'), dir]);
    const out = path.join(dir, 'uit.xlsx');
    const code = await main(
      ['assess', path.join(dir, 'aanvraag-volledig.xlsx'), path.join(dir, 'aanvraag-inconsistent.xlsx'), '--policy', 'zk-ggz-2025', '--out', out],
      { out: () => {}, err: () => {} },
    );
    expect(code).toBe(0);
    const converted = path.join(dir, 'lo');
    execFileSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', converted, out], {
      stdio: 'pipe',
      env: { ...process.env, HOME: dir },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(converted, 'uit.xlsx'));
    const ws = wb.getWorksheet('Aanvragen')!;
    expect(ws.getCell('K1').value).toBe('Tariefwijzer herberekening');
    expect(String(ws.getCell('K2').value)).toMatch(/^Tarief aanpassen: 92% → 96,6%/);
    expect(String(ws.getCell('M3').value)).toContain('[fout] Te laat:');
    expect(ws.getCell('K3').formula).toBeUndefined();
    expect(wb.getWorksheet('Tariefwijzer beoordelingen')!.getCell('B3').value).toBe('zk-ggz-2025');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
