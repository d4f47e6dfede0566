/**
 * Everything Tariefwijzer writes for a reader is in the reader's words: no line references, source file
 * numbers or names, parameter ids, flag codes, row references or repository paths, and not the word "seed"
 * (helpers/user-text.ts). Checked on every user-facing string of the shipped packs and on every text the
 * CLI prints and writes into the example workbooks (the jobs of `npm run demo`). The task pane's views are
 * checked the same way in the browser test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { formatCitation } from '../src/domain/flags';
import { SIGNALS } from '../src/domain/signals';
import { DOCUMENT_TITLES } from '../src/domain/documents';
import { listProcedures } from '../src/domain/assessments';
import { HERSCHIK_PARAMETERS } from '../src/domain/production';
import { listPacks } from '../src/policies';
import { runCli } from './cli/run';
import { findInternalRefs, internalRefs } from './helpers/user-text';

jest.setTimeout(180_000);

const ROOT = path.join(__dirname, '..');
const ex = (f: string) => path.join(ROOT, 'examples', f);

test('the checker finds each kind of internal reference, and passes plain Dutch text', () => {
  const kinds = (t: string) => internalRefs(t).map((r) => r.kind);
  expect(kinds('Opslag W5/B7 [004 §2.3.1 L1014-1016]')).toEqual(expect.arrayContaining(['regelverwijzing', 'bronbestandsnummer']));
  expect(kinds('zie 004_984eca5123cbd441.txt')).toContain('bestandsnaam');
  expect(kinds('standaard uit seed 003')).toContain('het woord seed');
  expect(kinds('parameter stapeling_profiel_leveringsvorm')).toEqual(['parameter-id']);
  expect(kinds('HANDMATIG_BEOORDELEN [waarschuwing]')).toEqual(['signaalcode']);
  expect(kinds('rij Aanbieders!4')).toEqual(['celverwijzing']);
  expect(kinds('zie docs/beleidspakket.md')).toEqual(expect.arrayContaining(['repositorypad']));
  expect(kinds('Tarief = € 1.000,00 × 99,3% = € 993,00 (Zilveren Kruis, Inkoopbeleid GGZ 2024–2026, §2.3.1); rij 4, 2004, 100%')).toEqual([]);
});

test('citations name the document and paragraph, never the file or its lines', () => {
  const c = { document: '004_984eca5123cbd441.txt', paragraaf: '§2.3.2', regels: 'L1014-1016', citaat: 'x' };
  expect(formatCitation(c)).toBe('Zilveren Kruis, Inkoopbeleid GGZ 2024–2026, §2.3.2');
  // an own pack's document: its short title from the pack, else its name without number, hash and extension
  expect(formatCitation({ document: 'eigen.pdf', paragraaf: '§3', regels: 'L1' }, { 'eigen.pdf': 'Eigen beleid 2026' })).toBe('Eigen beleid 2026, §3');
  expect(formatCitation({ document: '007_ab12cd34ef56ab78.txt', regels: 'L1' })).toBe('het beleidsdocument');
  expect(formatCitation({ document: 'inkoopbeleid-2026.txt', regels: 'L1' })).toBe('inkoopbeleid-2026');
});

test('every signal kind has a Dutch name and meaning; every shipped pack names its documents as the shared table does', () => {
  for (const [code, info] of Object.entries(SIGNALS)) {
    expect([code, internalRefs(`${info.name}. ${info.meaning}`)]).toEqual([code, []]);
    expect(info.name.length).toBeLessThan(40);
  }
  for (const p of listPacks()) for (const s of p.sources) expect([p.id, s.short]).toEqual([p.id, DOCUMENT_TITLES[s.document]]);
});

test('no internal reference in the packs, procedures and herschikking parameters a user reads', () => {
  const texts: Array<[string, string]> = [];
  const param = (where: string, d: { label: string; description?: string }) =>
    texts.push([`${where} label`, d.label], [`${where} omschrijving`, d.description ?? '']);
  for (const p of listPacks()) {
    texts.push([`${p.id} titel`, p.title], [`${p.id} omschrijving`, p.description]);
    for (const [n, d] of Object.entries(p.parameters)) param(`${p.id} parameter ${n}`, d);
    for (const [n, f] of Object.entries(p.fields ?? {})) param(`${p.id} kolom ${n}`, f);
    for (const [n, g] of Object.entries(p.groups ?? {})) texts.push([`${p.id} groep ${n}`, g.description]);
    for (const r of p.rules) {
      texts.push([`${p.id} regel ${r.id}`, r.description]);
      const e = r.effect as { flag?: { message: string; name?: string }; exclude?: { message: string; name?: string } };
      for (const f of [e.flag, e.exclude]) if (f) texts.push([`${p.id} signaal ${r.id}`, `${f.name ?? ''} ${f.message}`]);
    }
  }
  for (const proc of listProcedures()) {
    texts.push([`${proc.id} titel`, proc.title]);
    for (const [n, d] of Object.entries(proc.parameters)) param(`${proc.id} parameter ${n}`, d);
  }
  for (const [n, d] of Object.entries(HERSCHIK_PARAMETERS)) param(`herschikking parameter ${n}`, d);
  expect(findInternalRefs(texts)).toEqual([]);
});

/** Every text cell of `out` that was not already in `input`: what Tariefwijzer wrote. */
async function writtenTexts(input: string, out: string): Promise<Array<[string, string]>> {
  const before = new Set<string>();
  const read = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return wb;
  };
  const cells = (wb: ExcelJS.Workbook, each: (where: string, text: string) => void) =>
    wb.worksheets.forEach((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value;
          const text = typeof v === 'string' ? v : v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : undefined;
          if (text) each(`${path.basename(out)} ${ws.name}!${cell.address}`, text);
          const note = cell.note;
          if (note)
            each(`${path.basename(out)} ${ws.name}!${cell.address} notitie`, typeof note === 'string' ? note : (note.texts?.map((t) => t.text).join('') ?? ''));
        }),
      ),
    );
  cells(await read(input), (where, text) => before.add(`${where.split(' ')[1]}=${text}`));
  const written: Array<[string, string]> = [];
  cells(await read(out), (where, text) => {
    if (!before.has(`${where.split(' ')[1]}=${text}`)) written.push([where, text]);
  });
  return written;
}

/** What the CLI printed, with the user's own file paths (which they typed) taken out. */
const printed = (r: { out: string; err: string }) => `${r.out}\n${r.err}`.replace(/\S+\.xlsx\b/g, 'BESTAND');

test('no internal reference in what the CLI prints and writes for the example workbooks (the demo jobs)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tariefwijzer-woorden-'));

  const { jobs } = require('../scripts/demo.js') as { jobs: Array<[string, string | undefined, string, string[]]> };
  const texts: Array<[string, string]> = [];
  let written = 0;
  try {
    for (const [i, [file, sheet, policy, sets]] of jobs.entries()) {
      const out = path.join(dir, `${i}.xlsx`);
      const r = await runCli(
        'annotate',
        ex(file),
        '--policy',
        policy,
        '--out',
        out,
        ...(sheet ? ['--sheet', sheet] : []),
        ...sets.flatMap((s) => ['--set', s]),
      );
      // written: 0, or 3 where the example holds deliberate problems (rows that ask for a check)
      expect([file, sheet, r.code === 0 || r.code === 3]).toEqual([file, sheet, true]);
      texts.push([`annotate ${file} ${sheet ?? ''} uitvoer`, printed(r)]);
      const cells = await writtenTexts(ex(file), out);
      written += cells.length;
      texts.push(...cells);
    }
    const herschik = path.join(dir, 'herschik.xlsx');
    const h = await runCli(
      'herschik',
      ex('productie-2025-ggz.xlsx'),
      '--policy',
      'zk-ggz-2025',
      '--set',
      'richttarief=96',
      '--set',
      'richttarief_vv=95,5',
      '--set',
      'peildatum=2025-08-31',
      '--vergelijk-set',
      'richttarief=97,3',
      '--out',
      herschik,
    );
    expect(h.code).toBe(3); // the example is over its contracteerruimte: written, asks for action
    texts.push(['herschik uitvoer', printed(h)], ...(await writtenTexts(ex('productie-2025-ggz.xlsx'), herschik)));
    const forms = ['volledig', 'onvolledig', 'inconsistent', 'beide'].map((f) => ex(`aanvragen/aanvraag-${f}.xlsx`));
    const assessed = path.join(dir, 'assess.xlsx');
    const a = await runCli('assess', ...forms, '--policy', 'zk-ggz-2025', '--out', assessed);
    expect(a.code).toBe(3); // one example request is left to the user's judgement: written, asks for action
    texts.push(['assess uitvoer', printed(a)]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(assessed);
    wb.worksheets.forEach((ws) =>
      ws.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'string' && texts.push([`assess ${ws.name}!${cell.address}`, cell.value]))),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(written).toBeGreaterThan(500); // the check saw the output columns and sheets, not an empty list
  expect(findInternalRefs(texts)).toEqual([]);
});

test('the user guides cite documents by title and paragraph: no line numbers, source file numbers or the word seed (commands and file names a user runs are fine)', () => {
  const citationKinds = new Set(['regelverwijzing', 'bronbestandsnummer', 'het woord seed']);
  for (const guide of ['beoordelen.md', 'herschikking.md', 'problemen-oplossen.md']) {
    const text = fs.readFileSync(path.join(ROOT, 'docs', guide), 'utf8');
    const found = internalRefs(text).filter((r) => citationKinds.has(r.kind));
    expect([guide, found]).toEqual([guide, []]);
  }
});
