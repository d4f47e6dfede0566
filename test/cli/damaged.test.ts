/**
 * Damaged input never becomes a result: annotate, assess and herschik refuse a workbook with one flipped bit, a missing
 * part or a part cut off (exit 1, "Het bestand ... is beschadigd" and what to do) and write nothing; a Word document, a
 * presentation or a plain zip is named for what it is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZipReader, ZipWriter } from '../../src/workbook/xlsx/zip';
import { workbookFrom } from '../workbook/helpers';
import { ENGLISH } from './english';
import { runCli } from './run';

jest.setTimeout(60_000);

const EXAMPLES = path.join(__dirname, '../../examples');
const HERSCHIK = ['--policy', 'zk-ggz-2025', '--set', 'richttarief=96', '--set', 'richttarief_vv=95,5', '--set', 'peildatum=2025-08-31'];
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-damaged-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** One bit flipped in the middle of an entry's stored bytes. */
function flipBit(zip: Buffer, part: string): Buffer {
  const r = new ZipReader(zip);
  const raw = r.raw(r.get(part)!);
  const out = Buffer.from(zip);
  out[raw.byteOffset - zip.byteOffset + (raw.length >> 1)] ^= 0x01;
  return out;
}

/** The damaged workbook as invoer.xlsx in the test folder. */
function damaged(source: Buffer, part: string): string {
  const file = path.join(dir, 'invoer.xlsx');
  fs.writeFileSync(file, flipBit(source, part));
  return file;
}

async function annotateInput(): Promise<Buffer> {
  const data: unknown[][] = [['AGB-code', 'Prestatiecode', 'NZa maximumtarief']];
  for (let i = 0; i < 40; i++) data.push([String(10000000 + i), i % 2 ? 'Z1105' : 'Z1007', 300 + (i % 50)]);
  const file = path.join(dir, 'bron.xlsx');
  await workbookFrom({ Aanbieders: data }).save(file);
  const buf = fs.readFileSync(file);
  fs.rmSync(file);
  return buf;
}

/** `named`: the message names the file (where the damage is found while the file is opened, or in the zip). */
function expectRefused(r: { code: number; out: string; err: string }, part: RegExp, named = true): void {
  expect(r.code).toBe(1);
  expect(r.err).toMatch(named ? /^Fout: Het bestand invoer\.xlsx is beschadigd \(/m : /^Fout: Het bestand is beschadigd \(/m);
  expect(r.err).toMatch(part);
  expect(r.err).toMatch(
    /Open het in Excel \(dat biedt aan het te herstellen\), controleer de gegevens en sla het opnieuw op, of vraag de afzender om een nieuw exemplaar\./,
  );
  expect(r.err).toMatch(/Er is niets geschreven\.$/);
  expect(r.err).not.toMatch(/Onverwachte fout|Meld dit|zip-bom/);
  expect(r.err).not.toMatch(ENGLISH);
  expect(fs.readdirSync(dir)).toEqual(['invoer.xlsx']); // no output, no temporary file
}

describe('a flipped bit refuses the run, whatever command reads the file', () => {
  test('annotate: in the data sheet', async () => {
    const file = damaged(await annotateInput(), 'xl/worksheets/sheet1.xml');
    expectRefused(await runCli('annotate', file, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'), /\(werkblad xl\/worksheets\/sheet1\.xml: /);
  });

  test('annotate: in a part that is only copied (found while writing, and still nothing is written)', async () => {
    const file = damaged(await annotateInput(), 'xl/theme/theme1.xml');
    expectRefused(await runCli('annotate', file, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'), /\(onderdeel xl\/theme\/theme1\.xml: /);
  });

  test('herschik: in the production sheet', async () => {
    const file = damaged(fs.readFileSync(path.join(EXAMPLES, 'productie-2025-ggz.xlsx')), 'xl/worksheets/sheet1.xml');
    expectRefused(await runCli('herschik', file, ...HERSCHIK), /\(werkblad xl\/worksheets\/sheet1\.xml: /);
  });

  test('assess: in the form', async () => {
    const form = fs.readFileSync(path.join(EXAMPLES, 'aanvragen/aanvraag-volledig.xlsx'));
    const file = damaged(form, new ZipReader(form).entries.find((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))!.name);
    expectRefused(
      await runCli('assess', file, '--policy', 'zk-ggz-2025', '--out', path.join(dir, 'beoordelingen.xlsx')),
      /\(werkblad xl\/worksheets\/sheet\d+\.xml: /,
    );
  });

  test('the undamaged inputs of these tests do run (so the refusals above are the damage)', async () => {
    fs.writeFileSync(path.join(dir, 'invoer.xlsx'), await annotateInput());
    expect((await runCli('annotate', path.join(dir, 'invoer.xlsx'), '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3', '--json')).code).toBe(3); // written; its rows ask for a check
    fs.copyFileSync(path.join(EXAMPLES, 'aanvragen/aanvraag-volledig.xlsx'), path.join(dir, 'form.xlsx'));
    expect((await runCli('assess', path.join(dir, 'form.xlsx'), '--policy', 'zk-ggz-2025', '--json')).code).toBe(0);
    fs.copyFileSync(path.join(EXAMPLES, 'productie-2025-ggz.xlsx'), path.join(dir, 'productie.xlsx'));
    const herschik = await runCli('herschik', path.join(dir, 'productie.xlsx'), ...HERSCHIK, '--json');
    expect(herschik.code).toBe(3); // written; the example is over its contracteerruimte, which asks for action
  });
});

describe('a part the workbook cannot do without is missing: refused as damaged, before anything is read', () => {
  /** The input without one entry. */
  async function without(part: string): Promise<string> {
    const source = new ZipReader(await annotateInput());
    const chunks: Buffer[] = [];
    const w = new ZipWriter({ write: (b) => chunks.push(b) });
    for (const e of source.entries) if (e.name !== part) w.copy(source, e);
    await w.checked();
    w.finish();
    const file = path.join(dir, 'invoer.xlsx');
    fs.writeFileSync(file, Buffer.concat(chunks));
    return file;
  }
  // before: a missing shared strings part read every text as empty ("Geen kopregel gevonden"), missing workbook
  // relationships said "De werkmap heeft geen bladen", missing content types failed after the run at writing
  test.each(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml'])(
    '%s',
    async (part) => {
      const file = await without(part);
      const escaped = part.replace(/[.[\]/]/g, '\\$&');
      expectRefused(
        await runCli('annotate', file, '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'),
        new RegExp(`\\(het onderdeel ${escaped} ontbreekt\\)`),
      );
    },
  );
});

test('a part cut off by the program that wrote it (its checksum right): refused as damaged, with what to do', async () => {
  const source = new ZipReader(await annotateInput());
  for (const part of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml']) {
    const chunks: Buffer[] = [];
    const w = new ZipWriter({ write: (b) => chunks.push(b) });
    for (const e of source.entries) {
      if (e.name !== part) w.copy(source, e);
      else w.stored(e.name, source.read(e).subarray(0, e.size >> 1));
    }
    await w.checked();
    w.finish();
    fs.writeFileSync(path.join(dir, 'invoer.xlsx'), Buffer.concat(chunks));
    const r = await runCli('annotate', path.join(dir, 'invoer.xlsx'), '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3');
    // named where the part is read as the file is opened (the workbook part)
    expectRefused(r, new RegExp(`\\(${part.replace(/[./]/g, '\\$&')}: onvolledig`), part === 'xl/workbook.xml');
  }
});

describe('another kind of file in a zip says what it is', () => {
  const stored = (parts: Record<string, string>) => {
    const chunks: Buffer[] = [];
    const w = new ZipWriter({ write: (b) => chunks.push(b) });
    for (const [name, text] of Object.entries(parts)) w.stored(name, Buffer.from(text));
    w.finish();
    return Buffer.concat(chunks);
  };
  const rels = (target: string) =>
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;
  const types = (part: string, type: string) =>
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.${type}"/></Types>`;
  test.each([
    [
      'a Word document',
      {
        '[Content_Types].xml': types('word/document.xml', 'wordprocessingml.document.main+xml'),
        '_rels/.rels': rels('word/document.xml'),
        'word/document.xml': '<w:document/>',
      },
      /invoer\.xlsx is een Word-document, geen Excel-werkmap\./,
    ],
    [
      'a PowerPoint presentation',
      {
        '[Content_Types].xml': types('ppt/presentation.xml', 'presentationml.presentation.main+xml'),
        '_rels/.rels': rels('ppt/presentation.xml'),
        'ppt/presentation.xml': '<p:presentation/>',
      },
      /invoer\.xlsx is een PowerPoint-presentatie, geen Excel-werkmap\./,
    ],
    ['a Word document without content types', { '_rels/.rels': rels('word/document.xml'), 'word/document.xml': '<w:document/>' }, /een Word-document/],
    ['a plain zip', { 'lees mij.txt': 'hallo', 'map/gegevens.csv': 'a;b' }, /invoer\.xlsx is een gewoon zip-bestand, geen Excel-werkmap\./],
  ])('%s', async (_name, parts, message) => {
    fs.writeFileSync(path.join(dir, 'invoer.xlsx'), stored(parts));
    const r = await runCli('annotate', path.join(dir, 'invoer.xlsx'), '--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/geen bladen/);
    expect(fs.readdirSync(dir)).toEqual(['invoer.xlsx']);
  });
});
