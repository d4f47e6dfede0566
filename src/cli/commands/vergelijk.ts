import path from 'node:path';
import { writeChangeSheet, type ChangeLog } from '../../workbook/jobs/change-sheet';
import { dec, formatEuro } from '../../domain/money';
import { movedText, type RowChange } from '../../workbook/jobs/changes';
import { compareWorkbooks, type Comparison } from '../../workbook/jobs/compare';
import { checkInputFile, openWorkbook, outputPath, parse, saveSafely, UsageError, type Command } from '../common';
import { EXIT } from '../exit-codes';
import { formatCount } from '../../domain/count';

export const vergelijk: Command = {
  usage: 'vergelijk OUD.xlsx NIEUW.xlsx [--out UITVOER.xlsx] [--json]',
  summary:
    'vergelijkt twee door Tariefwijzer berekende werkmappen: welke percentages en tarieven veranderden, en waarom\n(per AGB-code, prestatiecode en inkoopjaar; over twee inkoopjaren per AGB-code en prestatiecode);\nmet --out een kopie van NIEUW met het blad "Tariefwijzer wijzigingen" (de invoer wordt nooit overschreven)',
  async run(args, io) {
    const { values, positionals } = parse(args, { out: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length !== 2) throw new UsageError('Geef twee bestanden: eerst OUD, dan NIEUW.');
    const [oldFile, newFile] = positionals.map((p) => path.resolve(p));
    for (const f of [oldFile, newFile]) checkInputFile(f);
    const output = values.out === undefined ? undefined : outputPath(newFile, values.out, 'vergelijking');
    if (output && path.resolve(output) === oldFile) throw new UsageError('Het uitvoerbestand mag niet het bestand OUD zijn.');
    const [oldWb, newWb] = [await openWorkbook(oldFile), await openWorkbook(newFile)];
    const result = await compareWorkbooks(oldWb, newWb, { old: path.basename(oldFile), new: path.basename(newFile) });
    if (output) {
      await writeChangeSheet(newWb, result.log, result.comparedWith);
      await saveSafely(newWb, output);
    }
    io.out(values.json ? JSON.stringify(comparisonJson(result, output), null, 2) : comparisonText(result, output));
    // changed rows ask for a review
    return result.log.total ? EXIT.aandacht : EXIT.klaar;
  },
};

function changeJson(c: RowChange) {
  return {
    agb: c.agb,
    zorgaanbieder: c.provider,
    prestatiecode: c.code,
    inkoopjaar: c.year,
    oud: c.old ? { percentage: c.old.percentage, tarief: c.old.tarief } : null,
    nieuw: c.new ? { percentage: c.new.percentage, tarief: c.new.tarief } : null,
    oorzaken: c.causes.map((x) => ({ soort: x.kind, tekst: x.text })),
  };
}

export function comparisonJson(r: Comparison, output?: string) {
  const log: ChangeLog = r.log;
  return {
    uitvoer: output ?? null,
    overInkoopjaren: r.acrossYears ? { oud: r.acrossYears.old, nieuw: r.acrossYears.new } : null,
    aantal: log.total,
    wijzigingen: log.listed.map(changeJson),
    samenvatting: log.summary().map((s) => ({ agb: s.agb, zorgaanbieder: s.provider, aantal: s.count, verschilMaalVolume: s.weighted ?? null })),
    opmerkingen: log.notes,
  };
}

/** Changes the text output names one by one; the rest are counted. */
const TEXT_CHANGES = 50;

/** Where the changes the text leaves out can be read: --json and --out list up to MAX_LISTED_CHANGES. */
function moreWhere(log: ChangeLog): string {
  return log.total > log.listedCount ? `de eerste ${formatCount(log.listedCount)} met --json of --out` : 'alle rijen met --json of --out';
}

export function comparisonText(r: Comparison, output?: string): string {
  const log = r.log;
  const lines = [`Vergeleken met ${r.comparedWith}: ${formatCount(log.total)} ${log.total === 1 ? 'gewijzigde rij' : 'gewijzigde rijen'}.`];
  for (const n of log.notes) lines.push(`Let op: ${n}`);
  for (const s of log.summary())
    lines.push(`  ${s.agb} ${s.provider}: ${formatCount(s.count)}${s.weighted !== undefined ? `; verschil × volume ${formatEuro(dec(s.weighted))}` : ''}`);
  for (const c of log.firstListed(TEXT_CHANGES)) lines.push(`  ${c.agb} ${c.code} ${c.year}: ${movedText(c)} (${c.causes.map((x) => x.text).join('; ')})`);
  if (log.total > TEXT_CHANGES) lines.push(`  … en ${formatCount(log.total - TEXT_CHANGES)} meer${output ? '' : ` (${moreWhere(log)})`}`);
  if (output) lines.push(`Geschreven: ${output}`);
  return lines.join('\n');
}
