/**
 * The splice floor: `node build-bench/bench/floor-splice.js IN.xlsx OUT.xlsx [SHEET_PART]`. What the in-place
 * design cannot go below: read the zip's central directory, inflate the one worksheet, append to every row the cells
 * annotate writes there (two numbers, the signal and the explanation, the row's record of ≈ 250 characters that
 * differs per row, the review's "open"; inline strings of annotate's lengths), deflate, and copy every other entry as
 * its raw compressed bytes, checked. No reading of cell values, no computation. Built on the adapter's own zip layer, so
 * it reads, checks and deflates as the CLI does (the input by offsets, the sheet as byte text, level 6 in the thread
 * pool, the sheet's compressed bytes spooled to a temporary file). See ../shared/testing-stack.md, "What editing one sheet
 * in place costs".
 *
 * With `--read` (the read floor): the sheet is split into rows by the adapter's own XML-aware reader (sheetPieces)
 * and every cell of every row is decoded to its value (CellScan; the cached value, a shared string or an inline
 * text), as any design that reads the rows' values must, before the same cells are appended. Still no computation.
 */
import fs from 'node:fs';
import { CellScan, sheetPieces } from '../src/workbook/xlsx/sheet-xml';
import { byteTextChunks, elements, fromByteText, stringItemText, toByteText, utf8Chunks } from '../src/workbook/xlsx/xml';
import { DeflatedPart, FileSource, ZipReader, ZipWriter, type ZipEntry } from '../src/workbook/xlsx/zip';

/** About what annotate writes per row: a signal and an explanation of ≈ 250 characters. */
const SIGNAL = 'Nieuwe aanbieder: controleer de gegevens [waarschuwing]';
const EXPLANATION =
  'Richttarief 95,50% van het NZa-maximumtarief (Inkoopbeleid Wlz 2024, §4.2); geen opslag of afslag van toepassing; ' +
  'percentage 95,50%; tarief = percentage × maximumtarief, afgerond op centen. Bron: Inkoopbeleid Wlz 2024 Zilveren Kruis.';

/** A record of the length annotate writes (Tariefwijzer invoer), different in every row. */
function record(n: number): string {
  const hash = (k: number) => ((n * 2654435761 + k * 40503) >>> 0).toString(16).padStart(8, '0');
  return `["tw1","${String(3000000 + n).padStart(8, '0')}","Z${n % 90}","","","Stichting ${n}","${(200 + n / 100).toFixed(2)}","0.955","${(191 + n / 100).toFixed(2)}",{"omschrijving":"${hash(1)}","zorgprofiel":"${hash(2)}","leveringsvorm":"${hash(3)}","nieuweAanbieder":"${hash(4)}","essentieleVoorzieningen":"${hash(5)}"}]`;
}

/** The signal and explanation as the sheet's byte text (see byteTextChunks): the part is read and written as bytes. */
const SIGNAL_BYTES = toByteText(SIGNAL);
const EXPLANATION_BYTES = toByteText(EXPLANATION);

/** The cells annotate appends to sheet row `n` (1-based), before `</row>`. */
function appended(n: number): string {
  return (
    `<c r="J${n}"><v>0.955</v></c><c r="K${n}"><v>${(1000 + n / 100).toFixed(2)}</v></c>` +
    `<c r="L${n}" t="inlineStr"><is><t>${SIGNAL_BYTES}</t></is></c><c r="M${n}" t="inlineStr"><is><t>${EXPLANATION_BYTES} Rij ${n}.</t></is></c>` +
    `<c r="N${n}" t="inlineStr"><is><t>open</t></is></c><c r="Q${n}" t="inlineStr"><is><t>${record(n)}</t></is></c>`
  );
}

/** The splice floor proper: rows found by their end tag in the decoded text, nothing read. */
async function splice(zip: ZipReader, sheet: ZipEntry, out: DeflatedPart): Promise<void> {
  let row = 0;
  let rest = '';
  for await (const chunk of zip.stream(sheet)) {
    const text = rest + chunk.toString('latin1');
    let from = 0;
    for (let at = text.indexOf('</row>', from); at >= 0; at = text.indexOf('</row>', from)) {
      await out.write(text.slice(from, at) + appended(++row) + '</row>');
      from = at + 6;
    }
    rest = text.slice(from);
  }
  await out.write(rest);
}

/** The read floor: rows split by the adapter's reader and every cell decoded; `sink` keeps the values alive. */
async function readAndSplice(zip: ZipReader, sheet: ZipEntry, out: DeflatedPart): Promise<number> {
  const strings: string[] = [];
  const shared = zip.entries.find((e) => /sharedStrings\.xml$/i.test(e.name));
  if (shared) for await (const si of elements(utf8Chunks(zip.stream(shared)), 'si', shared.name)) strings.push(stringItemText(si));
  let sink = 0;
  let row = 0;
  const scan = new CellScan();
  for await (const batch of sheetPieces(byteTextChunks(zip.stream(sheet)), sheet.name))
    for (const piece of batch) {
      if (piece.kind !== 'row') {
        await out.write(piece.text);
        continue;
      }
      for (const cell = scan.row(piece.xml); cell.next();) sink += valueOf(cell.type, cell.inner, strings);
      const close = piece.xml.lastIndexOf('</');
      row++;
      await out.write(close < 0 ? piece.xml : piece.xml.slice(0, close) + appended(row) + piece.xml.slice(close));
    }
  return sink;
}

const CACHED = /<v>([^<]*)<\/v>/;

/** A cell's value as the adapter reads the usual cells (a number, a shared string, an inline text), summed into a checksum. */
function valueOf(type: string | undefined, inner: string | undefined, strings: string[]): number {
  if (inner === undefined) return 0;
  if (type === 'inlineStr') return stringItemText(fromByteText(inner)).length;
  const v = CACHED.exec(inner)?.[1];
  if (v === undefined) return 0;
  if (type === 's') return strings[Number(v)]?.length ?? 0;
  if (type === 'str') return v.length;
  const n = Number(v);
  return Number.isFinite(n) ? 1 : 0;
}

async function main() {
  const args = process.argv.slice(2);
  const read = args.includes('--read');
  const [input, output, part = 'xl/worksheets/sheet1.xml'] = args.filter((a) => a !== '--read');
  const zip = new ZipReader(FileSource.open(input));
  const sheet = zip.get(part);
  if (!sheet) throw new Error(`no ${part}`);
  const out = new DeflatedPart(undefined, 'latin1');
  if (read) {
    if (!(await readAndSplice(zip, sheet, out))) throw new Error('no values read');
  } else await splice(zip, sheet, out);
  await out.end();
  const fd = fs.openSync(output, 'w');
  const writer = new ZipWriter({ write: (b) => void fs.writeSync(fd, b), writesNow: true });
  for (const entry of zip.entries) {
    if (entry.name === part) writer.deflated(entry.name, out, entry);
    else writer.copy(zip, entry);
  }
  // the copied entries are checked (CRC-32 and size) behind the writing, as the adapter does
  await writer.checked();
  writer.finish();
  fs.closeSync(fd);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
