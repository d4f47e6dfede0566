/**
 * A bijlage as a document (workbook/document.ts): the header block in the user's words, one row per agreed
 * prestatie, the rows not included and why, and the closing text with its sources. Also the overview of every
 * bijlage of a run, and each file's name. Pure: the CLI renders the sheets to files, the pane to a new workbook.
 */
import { closingLine, closingSentences } from '../../domain/bijlage-text';
import type { Dec } from '../../domain/money';
import type { ParameterValues, PolicyPack } from '../../domain/policy/types';
import { text, type DocCell, type DocRow, type DocSheet } from '../document';
import { Fingerprint } from '../fingerprint';
import { parameterText } from '../names';
import type { Bijlage, BijlageLine, BijlagenOutcome, LeftOut } from './bijlagen';

/** What every bijlage of a run shares. */
export interface BijlageContext {
  pack: PolicyPack;
  params: ParameterValues;
  /** The date on the documents (--datum), as a calendar date. */
  datum: { year: number; month: number; day: number };
  /** The run's rows span more than one inkoopjaar: a column for it. */
  multiYear: boolean;
  hasVolume: boolean;
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** "6 december 2026". */
export function dutchDate(d: BijlageContext['datum']): string {
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

const num = (v: Dec | undefined): DocCell | null => (v === undefined ? null : { value: v.toNumber(), style: 'euro' });
const pct = (v: Dec | undefined): DocCell | null => (v === undefined ? null : { value: v.dividedBy(100).toNumber(), style: 'percent' });
const label = (s: string) => text(s, 'label');

/** The inkoopjaren of a bijlage's rows, or the pack's year when no row has one. */
export function yearsOf(lines: readonly BijlageLine[], pack: PolicyPack): string {
  const years = [...new Set(lines.map((l) => l.inkoopjaar).filter((y): y is string => !!y))].sort();
  return years.length ? years.join(', ') : String(pack.inkoopjaar);
}

/** A fingerprint of the numbers in a bijlage: the same agreement gives the same value, whatever its date. */
export function bijlageFingerprint(b: Bijlage): string {
  const print = new Fingerprint();
  for (const part of [b.agb, b.naam, b.zorgkantoor]) print.add(part);
  for (const l of b.lines) {
    for (const part of [
      l.code,
      l.inkoopjaar ?? '',
      l.result.maximumtarief?.toString() ?? '',
      l.result.percentage?.toString() ?? '',
      l.result.tarief?.toString() ?? '',
    ])
      print.add(part);
    print.add(l.volume ?? null);
  }
  return print.value();
}

interface Column {
  header: string;
  width: number;
  cell(l: BijlageLine): DocCell | null;
}

function columns(ctx: BijlageContext): Column[] {
  const t = (v: string | undefined, style: 'text' | 'wrap' = 'text') => (v ? text(v, style) : null);
  return [
    { header: 'Prestatiecode', width: 16, cell: (l) => text(l.code) },
    { header: 'Omschrijving', width: 36, cell: (l) => t(l.omschrijving, 'wrap') },
    { header: 'Leveringsvorm', width: 15, cell: (l) => t(l.leveringsvorm) },
    { header: 'Zorgprofiel', width: 12, cell: (l) => t(l.zorgprofiel) },
    ...(ctx.multiYear ? [{ header: 'Inkoopjaar', width: 10, cell: (l: BijlageLine) => t(l.inkoopjaar) }] : []),
    { header: 'NZa-maximumtarief', width: 18, cell: (l) => num(l.result.maximumtarief) },
    { header: 'Tariefpercentage', width: 16, cell: (l) => pct(l.result.percentage) },
    { header: 'Tarief', width: 12, cell: (l) => num(l.result.tarief) },
    ...(ctx.hasVolume
      ? [{ header: 'Volume', width: 10, cell: (l: BijlageLine) => (l.volume === undefined ? null : { value: l.volume, style: 'number' as const }) }]
      : []),
    { header: 'Toelichting', width: 70, cell: (l) => t(l.result.explanation, 'wrap') },
  ];
}

function headerBlock(b: Bijlage, ctx: BijlageContext, fingerprint: string): DocRow[] {
  const { pack } = ctx;
  const rows: DocRow[] = [
    [text(`Bijlage bij de overeenkomst Wlz: vastgestelde afspraak ${yearsOf(b.lines, pack)}`, 'title')],
    [],
    [label('Zorgaanbieder'), text(b.naam || '(naam niet in de werkmap)')],
    [label('AGB-code'), text(b.agb)],
    [label('Zorgkantoor'), text(b.zorgkantoor || pack.zorgkantoor)],
    [label(b.lines.some((l) => l.inkoopjaar) && yearsOf(b.lines, pack).includes(',') ? 'Inkoopjaren' : 'Inkoopjaar'), text(yearsOf(b.lines, pack))],
    [label('Beleid'), text(`${pack.title}, versie ${pack.version}`)],
    [label('Datum'), text(dutchDate(ctx.datum))],
    [label('Kenmerk'), text(fingerprint)],
  ];
  return rows;
}

/** Points per line of Arial 10, and characters per unit of column width (a little less than one, to be safe). */
const LINE = 13;
const CHARS_PER_WIDTH = 1.05;

/** Lines a text takes in a wrapped cell this wide. */
function linesIn(value: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * CHARS_PER_WIDTH));
  return value.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

/**
 * A row's height for its wrapped cells: set here because Excel and LibreOffice do not fit the height of a row in
 * a file they open (only when a cell is edited), so long text would be cut off or overlap on paper.
 */
function rowHeight(cells: ReadonlyArray<DocCell | null>, widths: readonly number[]): number {
  let lines = 1;
  cells.forEach((c, i) => {
    if (c && c.style === 'wrap' && typeof c.value === 'string') lines = Math.max(lines, linesIn(c.value, widths[i]));
  });
  return LINE * lines + 2;
}

/** The parameters that shaped these numbers, by their label: "Richttariefpercentage GGZ 2025: 96; …". */
export function parametersText(ctx: Pick<BijlageContext, 'pack' | 'params'>): string {
  return Object.entries(ctx.pack.parameters)
    .filter(([name]) => ctx.params[name] !== null && ctx.params[name] !== undefined)
    .map(([name, def]) => `${def.label}: ${parameterText(ctx.params[name])}`)
    .join('; ');
}

/**
 * A text across the table's width (from column `from`, on the last row when it starts after A, else a row of its
 * own): merged, wrapped, high enough for its length.
 */
function wideText(sheet: DocSheet, value: string, style: 'wrap' | 'note', lastColumn: string, from = 'A'): void {
  if (from === 'A') sheet.rows.push([]);
  const r = sheet.rows.length - 1;
  sheet.rows[r][from.charCodeAt(0) - 65] = text(value, style);
  sheet.merges!.push(`${from}${r + 1}:${lastColumn}${r + 1}`);
  const width = sheet.widths.slice(from.charCodeAt(0) - 65).reduce((a, w) => a + w, 0);
  sheet.heights![r] = LINE * linesIn(value, width) + 2;
}

function leftOutRows(sheet: DocSheet, leftOut: readonly LeftOut[], lastColumn: string): void {
  sheet.rows.push([], [text('Niet opgenomen', 'heading')]);
  if (!leftOut.length) {
    sheet.rows.push([text('Geen: elke prestatie van deze zorgaanbieder in de werkmap staat hierboven.')]);
    return;
  }
  wideText(
    sheet,
    'Deze prestaties staan voor deze zorgaanbieder in de werkmap, maar hebben geen tarief gekregen; ze horen niet bij deze afspraak tot ze zijn opgelost.',
    'note',
    lastColumn,
  );
  sheet.rows.push([text('Prestatiecode', 'header'), text('Reden', 'header')]);
  for (const l of leftOut) {
    const r = sheet.rows.length;
    sheet.rows.push([text(l.code ?? '(geen)'), text(l.reason, 'wrap')]);
    sheet.merges!.push(`B${r + 1}:${lastColumn}${r + 1}`);
    sheet.heights![r] =
      LINE *
        linesIn(
          l.reason,
          sheet.widths.slice(1).reduce((a, w) => a + w, 0),
        ) +
      2;
  }
}

/** The bijlage of one provider as a sheet. */
export function bijlageSheet(b: Bijlage, ctx: BijlageContext): DocSheet {
  const cols = columns(ctx);
  const fingerprint = bijlageFingerprint(b);
  const lastColumn = String.fromCharCode(64 + cols.length);
  const sheet: DocSheet = {
    name: 'Bijlage',
    rows: headerBlock(b, ctx, fingerprint),
    widths: cols.map((c) => c.width),
    pageHeader: { left: `${b.naam || 'Zorgaanbieder'} (AGB ${b.agb})`, right: `${b.zorgkantoor || ctx.pack.zorgkantoor}, ${yearsOf(b.lines, ctx.pack)}` },
    pageFooter: `${ctx.pack.title}, versie ${ctx.pack.version}; ${dutchDate(ctx.datum)}`,
    landscape: true,
    merges: [],
    heights: {},
  };
  const basis = parametersText(ctx);
  // one wrapped row, so the block above the table (frozen on screen) stays short
  if (basis) {
    sheet.rows.push([label('Uitgangspunten')]);
    wideText(sheet, basis, 'wrap', lastColumn, 'B');
  }
  sheet.rows.push([], [text('Overeengekomen prestaties', 'heading')]);
  sheet.tableHeaderRow = sheet.rows.length;
  sheet.heights![sheet.rows.length] = 28;
  sheet.rows.push(cols.map((c) => text(c.header, 'header')));
  for (const l of b.lines) {
    const cells = cols.map((c) => c.cell(l));
    sheet.heights![sheet.rows.length] = rowHeight(cells, sheet.widths);
    sheet.rows.push(cells);
  }
  if (!b.lines.length) sheet.rows.push([text('Geen: geen enkele prestatie van deze zorgaanbieder heeft een tarief gekregen.')]);
  leftOutRows(sheet, b.leftOut, lastColumn);
  sheet.rows.push([], [text('Wat u met deze bijlage doet', 'heading')]);
  for (const s of closingSentences(ctx.pack)) wideText(sheet, closingLine(s, ctx.pack), 'wrap', lastColumn);
  return sheet;
}

/** A bijlage and the file it goes into. */
export interface BijlageFile {
  bijlage: Bijlage;
  file: string;
  /** The provider's name held characters a file name cannot: they were replaced. */
  renamed: boolean;
}

/** The characters Windows, macOS or Linux refuse in a file name, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[/\\:*?"<>|\u0000-\u001f\u007f]/g;

/** "12345678 Zorg en Welzijn B.V.xlsx": AGB-code and name (and zorgkantoor where asked), only safe characters, unique. */
export function bijlageFileNames(outcome: Pick<BijlagenOutcome, 'bijlagen' | 'perZorgkantoor'>, taken: readonly string[] = [OVERVIEW_FILE]): BijlageFile[] {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  return outcome.bijlagen.map((b) => {
    const raw = [b.agb, b.naam, outcome.perZorgkantoor ? b.zorgkantoor || 'zonder zorgkantoor' : ''].filter(Boolean).join(' ');
    const safe =
      raw
        .replace(UNSAFE, '-')
        .replace(/\s+/g, ' ')
        .slice(0, 120)
        .replace(/[. ]+$/, '')
        .trim() || 'bijlage';
    let file = `${safe}.xlsx`;
    for (let n = 2; used.has(file.toLowerCase()); n++) file = `${safe} (${n}).xlsx`;
    used.add(file.toLowerCase());
    return { bijlage: b, file, renamed: new RegExp(UNSAFE.source).test(raw) };
  });
}

export const OVERVIEW_FILE = 'overzicht.xlsx';
