/** overzicht.xlsx: every bijlage of a run with its numbers' fingerprint, what was left out and why, and the run's facts. */
import { text, type DocRow, type DocSheet } from '../document';
import { parameterText } from '../names';
import { bijlageFingerprint, dutchDate, type BijlageContext, type BijlageFile } from './bijlage-document';
import { REFUSED_ADVICE, type BijlagenOutcome } from './bijlagen';

const HEADERS: Array<[string, number]> = [
  ['Bestand', 40],
  ['Zorgaanbieder', 30],
  ['AGB-code', 11],
  ['Zorgkantoor', 18],
  ['Prestaties', 10],
  ['Niet opgenomen', 10],
  ['Waarom niet opgenomen', 60],
  ['Kenmerk', 18],
];

function facts(outcome: BijlagenOutcome, ctx: BijlageContext, input: string): DocRow[] {
  const label = (s: string) => text(s, 'label');
  const rows: DocRow[] = [
    [text('Overzicht van de bijlagen', 'title')],
    [],
    [label('Werkmap'), text(input)],
    [label('Blad'), text(outcome.sheet)],
    [label('Beleid'), text(`${ctx.pack.title}, versie ${ctx.pack.version}`)],
    [label('Datum'), text(dutchDate(ctx.datum))],
    [label('Vingerafdruk invoer'), text(outcome.fingerprint)],
    [label('Bijlagen'), { value: outcome.bijlagen.length, style: 'number' }],
  ];
  for (const [name, def] of Object.entries(ctx.pack.parameters))
    if (ctx.params[name] !== null && ctx.params[name] !== undefined) rows.push([label(def.label), text(parameterText(ctx.params[name]))]);
  return rows;
}

/** The overview sheet: one row per bijlage file, then the rows that are in no bijlage, then the run's remarks. */
export function overviewSheet(outcome: BijlagenOutcome, files: readonly BijlageFile[], ctx: BijlageContext, input: string): DocSheet {
  const sheet: DocSheet = {
    name: 'Overzicht',
    rows: facts(outcome, ctx, input),
    widths: HEADERS.map(([, w]) => w),
    pageHeader: { left: 'Overzicht van de bijlagen', right: ctx.pack.title },
    pageFooter: dutchDate(ctx.datum),
    landscape: true,
  };
  sheet.rows.push([]);
  sheet.tableHeaderRow = sheet.rows.length;
  sheet.rows.push(HEADERS.map(([h]) => text(h, 'header')));
  for (const { bijlage: b, file } of files) {
    const why = b.leftOut.map((l) => `rij ${l.sheetRow + 1}${l.code ? ` (${l.code})` : ''}: ${l.reason}`).join('\n');
    sheet.rows.push([
      text(file),
      text(b.naam),
      text(b.agb),
      text(b.zorgkantoor || ctx.pack.zorgkantoor),
      { value: b.lines.length, style: 'number' },
      { value: b.leftOut.length, style: 'number' },
      why ? text(why, 'wrap') : null,
      text(bijlageFingerprint(b)),
    ]);
  }
  if (outcome.refused.length) {
    sheet.rows.push([], [text('Zorgaanbieders zonder bijlage', 'heading')], [text('AGB-code', 'header'), text('Rijen', 'header'), text('Reden', 'header')]);
    for (const x of outcome.refused) sheet.rows.push([text(x.agb), text(x.rows.join(', '), 'wrap'), text(`${x.reason} ${REFUSED_ADVICE}`, 'wrap')]);
  }
  if (outcome.unassigned.length) {
    sheet.rows.push(
      [],
      [text('Rijen zonder zorgaanbieder (in geen bijlage)', 'heading')],
      [text('Rij', 'header'), text('Prestatiecode', 'header'), text('Reden', 'header')],
    );
    for (const u of outcome.unassigned) sheet.rows.push([{ value: u.sheetRow + 1, style: 'number' }, text(u.code ?? ''), text(u.reason, 'wrap')]);
  }
  if (outcome.warnings.length) {
    sheet.rows.push([], [text('Opmerkingen', 'heading')]);
    for (const w of outcome.warnings) sheet.rows.push([text(w)]);
  }
  return sheet;
}
