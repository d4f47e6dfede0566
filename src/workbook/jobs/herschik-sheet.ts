/**
 * The sheet "Tariefwijzer herschikking": the run's facts, the tables per sector, per provider and per month (with
 * the chart over the month table), the comparison with a scenario, the parameters and the remarks.
 */
import { formatFlag, type Flag } from '../../domain/flags';
import { type Dec, formatNumber } from '../../domain/money';
import type { ParameterValues, PolicyPack } from '../../domain/policy/types';
import type { Comparison } from '../../domain/production/compare';
import { formatPct, type HerschikResult } from '../../domain/production/herschik';
import { monthLabel, MONTH_NAMES } from '../../domain/production/months';
import { HERSCHIK_PARAMETERS } from '../../domain/production/rules';
import type { Sector } from '../../domain/types';
import { formatLocalDateTime, parameterText, PERCENTAGE_FORMAT, TARIFF_FORMAT } from '../names';
import type { ChartSpec, OutputValue } from '../port';
import { SheetLayout, type BlockSpec } from './sheet-layout';

export const HERSCHIK_SHEET = 'Tariefwijzer herschikking';
export const PERCENTAGE_4_FORMAT = '0.0000%';
export const CHART_NAME = 'Tariefwijzer uitnutting';

const SECTOR_LABELS: Record<Sector, string> = { VV: 'V&V', GZ: 'GZ', GGZ: 'GGZ' };
const num = (v: Dec | undefined | null): OutputValue => (v === undefined || v === null ? null : v.toNumber());
const frac = (v: Dec | undefined): OutputValue => (v === undefined ? null : v.dividedBy(100).toNumber());
const flagsText = (flags: readonly Flag[]): OutputValue => flags.map(formatFlag).join('\n') || null;

/** A bar of text for at-a-glance reading where no chart can be drawn: █ up to the contracteerruimte, ▒ above it. */
export function textBar(percentage: Dec | undefined, scale = 5): string | null {
  if (percentage === undefined) return null;
  const p = percentage.toNumber();
  const within = Math.max(0, Math.round(Math.min(p, 100) / scale));
  const above = p > 100 ? Math.ceil((Math.min(p, 160) - 100) / scale) : 0;
  return `${'█'.repeat(within)}${'▒'.repeat(above)} ${formatPct(percentage, 1)}`;
}

export type LayoutInfo = { sheet: string; toezeggingenSheet?: string; fingerprint: string; now: Date; warnings: string[]; chart: boolean; rows: number };

/** The whole sheet from the top: title, run facts, the tables, parameters and remarks; and the chart, if any. */
export function sheetLayout(
  result: HerschikResult,
  pack: PolicyPack,
  packParams: ParameterValues,
  params: ParameterValues,
  comparison: Comparison | undefined,
  info: LayoutInfo,
): { rows: OutputValue[][]; blocks: BlockSpec[]; chart?: ChartSpec } {
  const layout = new SheetLayout();
  layout.line([`Tariefwijzer — productie, uitnutting en herschikking ${result.year}`]);
  layout.gap();
  for (const m of runFacts(result, pack, params, info)) layout.line(m);
  layout.gap();
  layout.line(['Per sector']);
  sectorTable(layout, result);
  layout.line(['Per zorgaanbieder en sector']);
  providerTable(layout, result);
  layout.line(['Uitnutting per maand (verwachte jaaruitnutting zoals die er met elke maand als laatste maand uitzag)']);
  const chart = monthTable(layout, result);
  if (comparison) {
    layout.line([`Vergelijking: ${comparison.label} (verschil = vergelijking − basis)`]);
    comparisonTables(layout, comparison);
  }
  layout.line(['Parameters']);
  layout.line(['Parameter', 'Waarde']);
  for (const [name, def] of Object.entries(HERSCHIK_PARAMETERS)) layout.line([def.label, parameterText(params[name])]);
  for (const [name, def] of Object.entries(pack.parameters)) layout.line([`${pack.title}: ${def.label}`, parameterText(packParams[name])]);
  const notes = [...result.notes, ...info.warnings];
  if (notes.length) {
    layout.gap();
    layout.line(['Opmerkingen']);
    for (const n of notes) layout.line([n]);
  }
  return { rows: layout.rows, blocks: layout.blocks, chart };
}

/** The run's facts at the top: pack, sheets, year, peildatum, method, time, fingerprint, and whether a chart was drawn. */
function runFacts(result: HerschikResult, pack: PolicyPack, params: ParameterValues, info: LayoutInfo): OutputValue[][] {
  return [
    ['Beleid', pack.id],
    ['Titel', pack.title],
    ['Versie', pack.version],
    ['Blad', info.sheet],
    ['Toezeggingen', info.toezeggingenSheet ?? '(geen tabel gevonden)'],
    ['Herschikkingsjaar', result.year],
    ['Peildatum', result.peildatum ?? '(niet ingesteld: laatste maand in de gegevens)'],
    ['Laatste gedeclareerde maand', result.lastMonth ? monthLabel(result.lastMonth, result.year) : '(geen)'],
    [
      'Extrapolatie',
      result.method === 'laatste-maand'
        ? 'laatste maand × resterende maanden'
        : `gemiddelde van de laatste ${formatNumber(params.extrapolatie_maanden as Dec)} maanden × resterende maanden`,
    ],
    ['Rijen', info.rows],
    ['Tijdstip', formatLocalDateTime(info.now)],
    ['Vingerafdruk invoer', info.fingerprint],
    [
      'Grafiek',
      info.chart
        ? `lijndiagram "${CHART_NAME}" naast de maandtabel`
        : 'niet getekend: deze Excel-versie kan hier geen grafiek maken; zie de balken in de maandtabel, of voeg in Excel een lijndiagram in op de kolommen "… uitnutting"',
    ],
  ];
}

/** Per sector, with a totals row: contracteerruimte, realised and expected production, uitnutting, korting. */
function sectorTable(layout: SheetLayout, result: HerschikResult): void {
  const E = TARIFF_FORMAT;
  const P = PERCENTAGE_FORMAT;
  const sectorHeaders = [
    'Sector',
    'Contracteerruimte',
    'Bron contracteerruimte',
    'Gerealiseerd',
    'Geëxtrapoleerde productie',
    'Toezeggingen',
    'Verwacht (productie + toezeggingen)',
    'Uitnutting',
    'Uitnutting (balk)',
    'Tekort',
    'Onzekerheid',
    'Korting',
    'Reservering nieuwe aanbieders',
    'Afspraken',
    'Signalen',
    'Toelichting',
  ];
  const sectorValues: OutputValue[][] = result.sectors.map((s) => [
    SECTOR_LABELS[s.sector],
    num(s.contracteerruimte),
    s.contracteerruimteBron ?? 'ontbreekt',
    num(s.realised),
    num(s.extrapolated),
    num(s.toezeggingen),
    num(s.verwacht),
    frac(s.uitnutting),
    textBar(s.uitnutting),
    num(s.tekort),
    frac(s.onzekerheid),
    frac(s.kortingPercentage),
    num(s.reservering),
    num(s.afsprakenTotaal),
    flagsText(s.flags),
    s.explanation,
  ]);
  const t = result.totals;
  sectorValues.push([
    'Totaal',
    num(t.contracteerruimte),
    null,
    num(t.realised),
    num(t.extrapolated),
    num(t.toezeggingen),
    num(t.extrapolated.plus(t.toezeggingen)),
    null,
    null,
    null,
    null,
    null,
    null,
    num(t.afspraken),
    null,
    'Som van de sectoren (contracteerruimte alleen waar bekend).',
  ]);
  layout.table(sectorHeaders, sectorValues, [undefined, E, undefined, E, E, E, E, P, undefined, E, P, PERCENTAGE_4_FORMAT, E, E, undefined, undefined]);
}

/** Per provider and sector: production, toezegging, korting and the herschikkingsafspraak. */
function providerTable(layout: SheetLayout, result: HerschikResult): void {
  const E = TARIFF_FORMAT;
  const providerHeaders = [
    'AGB-code',
    'Zorgaanbieder',
    'Sector',
    'Gerealiseerd',
    'Geëxtrapoleerde productie',
    'Toezegging',
    'Korting',
    'Herschikkingsafspraak',
    'Tussentijdse afspraak',
    'Signalen',
    'Toelichting',
  ];
  const providerValues: OutputValue[][] = result.providers.map((p) => [
    p.agb,
    p.naam,
    SECTOR_LABELS[p.sector],
    num(p.realised),
    num(p.extrapolated),
    num(p.toezegging),
    num(p.korting),
    p.afspraak ? p.afspraak.toNumber() : p.nieuw ? 'maatwerk' : 'geen (contracteerruimte ontbreekt)',
    num(p.tussentijdseAfspraak),
    flagsText(p.flags),
    p.explanation,
  ]);
  layout.table(providerHeaders, providerValues, [undefined, undefined, undefined, E, E, E, E, E, E, undefined, undefined]);
}

/** Month by month per sector, and the line chart over its uitnutting columns (none without months). */
function monthTable(layout: SheetLayout, result: HerschikResult): ChartSpec | undefined {
  const E = TARIFF_FORMAT;
  const P = PERCENTAGE_FORMAT;
  const monthHeaders = ['Maand'];
  const monthFormats: Array<string | undefined> = [undefined];
  const seriesColumns: number[] = [];
  for (const s of result.sectors) {
    const l = SECTOR_LABELS[s.sector];
    monthHeaders.push(`${l} omzet`, `${l} cumulatief`, `${l} prognose jaar`, `${l} uitnutting`, `${l} balk`);
    monthFormats.push(E, E, E, P, undefined);
    seriesColumns.push(monthHeaders.length - 2);
  }
  monthHeaders.push('Contracteerruimte');
  monthFormats.push(P);
  seriesColumns.push(monthHeaders.length - 1);
  const monthValues: OutputValue[][] = [];
  for (let m = 1; m <= result.lastMonth; m++) {
    const line: OutputValue[] = [MONTH_NAMES[m - 1]];
    for (const s of result.sectors) {
      const pt = s.months[m - 1];
      line.push(num(pt?.omzet), num(pt?.cumulatief), num(pt?.prognose), frac(pt?.uitnutting), textBar(pt?.uitnutting));
    }
    line.push(1);
    monthValues.push(line);
  }
  const monthHeaderRow = layout.table(monthHeaders, monthValues, monthFormats);
  return monthValues.length
    ? {
        sheet: HERSCHIK_SHEET,
        name: CHART_NAME,
        title: `Verwachte uitnutting van de contracteerruimte per sector, ${result.year}`,
        kind: 'line',
        headerRow: monthHeaderRow,
        firstRow: monthHeaderRow + 1,
        lastRow: monthHeaderRow + monthValues.length,
        categoryColumn: 0,
        seriesColumns,
        seriesNames: seriesColumns.map((c) => monthHeaders[c]),
        anchor: { row: monthHeaderRow, column: monthHeaders.length + 1 },
        size: { columns: 8, rows: 16 },
        valueAxisTitle: 'uitnutting (% van de contracteerruimte)',
      }
    : undefined;
}

/** The comparison with another scenario: per sector, then per provider (difference = comparison − base). */
function comparisonTables(layout: SheetLayout, comparison: Comparison): void {
  const E = TARIFF_FORMAT;
  const P = PERCENTAGE_FORMAT;
  const cmpSectorHeaders = [
    'Sector',
    'Geëxtrapoleerd (basis)',
    'Geëxtrapoleerd (vergelijking)',
    'Verschil productie',
    'Verschil verwacht',
    'Verschil afspraken',
    'Uitnutting (basis)',
    'Uitnutting (vergelijking)',
    'Korting (basis)',
    'Korting (vergelijking)',
  ];
  const cmpSectorValues: OutputValue[][] = comparison.sectors.map((s) => [
    SECTOR_LABELS[s.sector],
    num(s.extrapolatedBase),
    num(s.extrapolatedAlt),
    num(s.extrapolatedDiff),
    num(s.verwachtDiff),
    num(s.afsprakenDiff),
    frac(s.uitnuttingBase),
    frac(s.uitnuttingAlt),
    frac(s.kortingBase),
    frac(s.kortingAlt),
  ]);
  cmpSectorValues.push(['Totaal', null, null, num(comparison.total.extrapolatedDiff), null, num(comparison.total.afsprakenDiff), null, null, null, null]);
  layout.table(cmpSectorHeaders, cmpSectorValues, [undefined, E, E, E, E, E, P, P, PERCENTAGE_4_FORMAT, PERCENTAGE_4_FORMAT]);
  const cmpHeaders = [
    'AGB-code',
    'Zorgaanbieder',
    'Sector',
    'Geëxtrapoleerd (basis)',
    'Geëxtrapoleerd (vergelijking)',
    'Verschil productie',
    'Afspraak (basis)',
    'Afspraak (vergelijking)',
    'Verschil afspraak',
  ];
  const cmpValues: OutputValue[][] = comparison.providers.map((p) => [
    p.agb,
    p.naam,
    SECTOR_LABELS[p.sector],
    num(p.extrapolatedBase),
    num(p.extrapolatedAlt),
    num(p.extrapolatedDiff),
    num(p.afspraakBase),
    num(p.afspraakAlt),
    num(p.afspraakDiff),
  ]);
  layout.table(cmpHeaders, cmpValues, [undefined, undefined, undefined, E, E, E, E, E, E]);
}
