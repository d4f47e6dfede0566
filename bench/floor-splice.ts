/**
 * The splice floor: `node build-bench/bench/floor-splice.js IN.xlsx OUT.xlsx [SHEET_PART]`. What the in-place
 * design cannot go below: read the zip's central directory, inflate the one worksheet, append to every row the cells
 * annotate writes there (two numbers, the signal and the explanation, the row's record of ≈ 250 characters that
 * differs per row, the review's "open"; inline strings of annotate's lengths), deflate, and copy every other entry as
 * its raw compressed bytes, checked. No reading of cell values, no computation. Built on the adapter's own zip layer, so
 * it reads, checks and deflates as the CLI does (the input by offsets, level 6 in the thread pool, the sheet's
 * compressed bytes spooled to a temporary file). See ../shared/testing-stack.md, "What editing one sheet
 * in place costs".
 */
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { DeflatedPart, FileSource, ZipReader, ZipWriter } from '../src/workbook/xlsx/zip';

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

async function main() {
  const [input, output, part = 'xl/worksheets/sheet1.xml'] = process.argv.slice(2);
  const zip = new ZipReader(FileSource.open(input));
  const sheet = zip.get(part);
  if (!sheet) throw new Error(`no ${part}`);
  const out = new DeflatedPart();
  const utf8 = new StringDecoder('utf8');
  let row = 0;
  let rest = '';
  for await (const chunk of zip.stream(sheet)) {
    const text = rest + utf8.write(chunk);
    let from = 0;
    for (let at = text.indexOf('</row>', from); at >= 0; at = text.indexOf('</row>', from)) {
      const n = ++row;
      await out.write(
        text.slice(from, at) +
          `<c r="J${n}"><v>0.955</v></c><c r="K${n}"><v>${(1000 + n / 100).toFixed(2)}</v></c>` +
          `<c r="L${n}" t="inlineStr"><is><t>${SIGNAL}</t></is></c><c r="M${n}" t="inlineStr"><is><t>${EXPLANATION} Rij ${n}.</t></is></c>` +
          `<c r="N${n}" t="inlineStr"><is><t>open</t></is></c><c r="Q${n}" t="inlineStr"><is><t>${record(n)}</t></is></c></row>`,
      );
      from = at + 6;
    }
    rest = text.slice(from);
  }
  await out.write(rest + utf8.end());
  await out.end();
  const fd = fs.openSync(output, 'w');
  const writer = new ZipWriter({ write: (b) => void fs.writeSync(fd, b) });
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
