import path from 'node:path';
import { flagName } from '../../domain/flags';
import { formatCount, formatEuro } from '../../domain/money';
import { resolveParameters } from '../../domain/policy/load';
import type { ParameterValues, PolicyPack } from '../../domain/policy/types';
import { formatPct, herschikVerdict, isHerschikName, monthLabel, resolveHerschikParameters, scenarioLabel } from '../../domain/production';
import type { Verdict } from '../../domain/outcome';
import { exitCodeOf } from '../exit-codes';
import { nothingUsable, requireBaseParameters, verdictLines } from '../verdict';
import type { Dec } from '../../domain/money';
import { getPack, listPacks } from '../../policies';
import { InputError } from '../../workbook/errors';
import { herschikWorkbook, HERSCHIK_SHEET, type HerschikOutcome, type Scenario } from '../../workbook/jobs/herschik';
import { checkInputFile, choosePack, openWorkbook, outputPath, parse, parseSets, saveSafely, UsageError, type Command } from '../common';

/** --set values split into the pack's parameters and the herschikking's (peildatum, contracteerruimte.GGZ, …). */
function splitSets(sets: readonly string[] | undefined): { pack: string[]; herschik: Record<string, string> } {
  const pack: string[] = [];
  const herschik: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseSets(sets))) {
    if (isHerschikName(name)) herschik[name] = value;
    else pack.push(`${name}=${value}`);
  }
  return { pack, herschik };
}

function herschikParams(overrides: Record<string, string>): ParameterValues {
  const { values, errors } = resolveHerschikParameters(overrides);
  if (errors.length) throw new InputError(errors.map((e) => `${e.place}: ${e.message}`).join('\n'));
  return values;
}

/** The scenario: another pack (--vergelijk) and/or other values (--vergelijk-set) on top of the base. */
function scenario(
  base: PolicyPack,
  baseSets: { pack: string[]; herschik: Record<string, string> },
  other: unknown,
  otherSets: string[] | undefined,
): Scenario | undefined {
  if (other === undefined && !otherSets?.length) return undefined;
  let pack = base;
  if (typeof other === 'string') {
    const found = getPack(other);
    if (!found)
      throw new UsageError(
        `Onbekend beleid "${other}" bij --vergelijk. Beschikbaar: ${listPacks()
          .map((p) => p.id)
          .join(', ')}.`,
      );
    pack = found;
  }
  const extra = splitSets(otherSets);
  // The base's values carry over where the scenario's pack knows them; the scenario's own values go on top.
  const carried = Object.entries(parseSets(baseSets.pack)).filter(([k]) => k in pack.parameters);
  const packOverrides = { ...Object.fromEntries(carried), ...parseSets(extra.pack) };
  const { values, errors } = resolveParameters(pack, packOverrides);
  if (errors.length) throw new InputError(errors.map((e) => `--vergelijk: ${e.place}: ${e.message}`).join('\n'));
  const label = scenarioLabel(base, pack, parseSets(otherSets));
  return { pack, packParams: values, params: herschikParams({ ...baseSets.herschik, ...extra.herschik }), label };
}

export const herschik: Command = {
  usage:
    'herschik INVOER.xlsx --policy ID [--set peildatum=2025-06-30] [--set contracteerruimte.GGZ=…] [--vergelijk ID] [--vergelijk-set naam=waarde]... [--sheet BLAD] [--out UITVOER.xlsx] [--json]',
  summary:
    'berekent omzet (volume × tarief), extrapolatie, uitnutting per sector en herschikkingsafspraken per aanbieder\nen schrijft een nieuw bestand (standaard INVOER-herschikking.xlsx) met het blad "Tariefwijzer herschikking"',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      policy: { type: 'string' },
      set: { type: 'string', multiple: true },
      vergelijk: { type: 'string' },
      'vergelijk-set': { type: 'string', multiple: true },
      sheet: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('Geef precies één invoerbestand.');
    const input = path.resolve(positionals[0]);
    const sets = splitSets(values.set as string[] | undefined);
    const { pack, params: packParams } = choosePack({ policy: values.policy, set: sets.pack });
    const params = herschikParams(sets.herschik);
    const vergelijk = scenario(pack, sets, values.vergelijk, values['vergelijk-set'] as string[] | undefined);
    checkInputFile(input);
    // the base percentage (the richttarief): without it most rows get no tariff and count for nothing
    requireBaseParameters(pack, packParams);
    const output = outputPath(input, values.out, 'herschikking');

    const progress = (text: string) => {
      if (!values.json) io.err(text);
    };
    progress(`Lezen: ${input}`);
    const workbook = await openWorkbook(input);
    const outcome = await herschikWorkbook(workbook, pack, packParams, params, { sheet: values.sheet as string | undefined, vergelijk });
    const verdict = herschikVerdict(outcome.result, outcome.dataRows);
    // nothing counted: nothing worth writing, and the reason instead
    if (verdict.outcome === 'fout') throw nothingUsable(verdict);
    progress(`Schrijven: ${output}`);
    await saveSafely(workbook, output);
    if (values.json) io.out(JSON.stringify({ outcome: verdict.outcome, reasons: verdict.reasons, ...summaryJson(outcome, output) }, null, 2));
    else io.out(summaryText(outcome, output, pack, verdict));
    return exitCodeOf(verdict.outcome);
  },
};

const s = (v: Dec | undefined | null) => (v === undefined || v === null ? null : v.toString());
/** Percentages: six decimals are plenty for reading; the amounts stay exact. */
const p6 = (v: Dec | undefined | null) => (v === undefined || v === null ? null : v.toDecimalPlaces(6).toString());

function summaryJson(o: HerschikOutcome, output: string) {
  const r = o.result;
  return {
    output,
    sheet: o.sheet,
    year: r.year,
    peildatum: r.peildatum,
    lastMonth: r.lastMonth,
    method: r.method,
    rows: o.dataRows,
    rowsCounted: r.rowCounts.counted,
    flagCounts: r.flagCounts,
    fingerprint: o.fingerprint,
    chartWritten: o.chartWritten,
    warnings: o.warnings,
    notes: r.notes,
    sectors: r.sectors.map((x) => ({
      sector: x.sector,
      contracteerruimte: s(x.contracteerruimte),
      realised: s(x.realised),
      extrapolated: s(x.extrapolated),
      toezeggingen: s(x.toezeggingen),
      verwacht: s(x.verwacht),
      uitnutting: p6(x.uitnutting),
      tekort: s(x.tekort),
      onzekerheid: p6(x.onzekerheid),
      kortingPercentage: p6(x.kortingPercentage),
      reservering: s(x.reservering),
      afspraken: s(x.afsprakenTotaal),
      flags: x.flags.map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
      explanation: x.explanation,
      months: x.months.map((m) => ({ month: m.month, omzet: s(m.omzet), cumulatief: s(m.cumulatief), prognose: s(m.prognose), uitnutting: p6(m.uitnutting) })),
    })),
    providers: r.providers.map((p) => ({
      agb: p.agb,
      naam: p.naam,
      sector: p.sector,
      nieuw: p.nieuw,
      realised: s(p.realised),
      extrapolated: s(p.extrapolated),
      toezegging: s(p.toezegging),
      korting: s(p.korting),
      afspraak: p.afspraak ? p.afspraak.toString() : p.nieuw ? 'maatwerk' : null,
      flags: p.flags.map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
      explanation: p.explanation,
    })),
    comparison: o.comparison && {
      label: o.comparison.label,
      total: { extrapolatedDiff: s(o.comparison.total.extrapolatedDiff), afsprakenDiff: s(o.comparison.total.afsprakenDiff) },
      sectors: o.comparison.sectors.map((x) => ({ sector: x.sector, extrapolatedDiff: s(x.extrapolatedDiff), afsprakenDiff: s(x.afsprakenDiff) })),
      providers: o.comparison.providers.map((p) => ({
        agb: p.agb,
        sector: p.sector,
        extrapolatedDiff: s(p.extrapolatedDiff),
        afspraakDiff: s(p.afspraakDiff),
      })),
    },
  };
}

function summaryText(o: HerschikOutcome, output: string, pack: PolicyPack, verdict: Verdict): string {
  const r = o.result;
  const lines = [
    ...verdictLines(verdict),
    `Beleid: ${pack.title} (${pack.id} ${pack.version})`,
    `Blad: ${o.sheet}; ${formatCount(o.dataRows)} regels, ${formatCount(r.rowCounts.counted)} meegeteld${o.toezeggingenSheet ? `; toezeggingen uit "${o.toezeggingenSheet}"` : ''}`,
    `Herschikkingsjaar ${r.year}, peildatum ${r.peildatum ?? '(niet ingesteld)'}, laatste maand ${r.lastMonth ? monthLabel(r.lastMonth, r.year) : '—'}, extrapolatie ${r.method}`,
    'Per sector:',
  ];
  for (const x of r.sectors) {
    lines.push(
      `  ${x.sector}: contracteerruimte ${x.contracteerruimte ? formatEuro(x.contracteerruimte) : 'ontbreekt'}; geëxtrapoleerd ${formatEuro(x.extrapolated)} + toezeggingen ${formatEuro(x.toezeggingen)} = ${formatEuro(x.verwacht)}; uitnutting ${formatPct(x.uitnutting)}; onzekerheid ${formatPct(x.onzekerheid)}${x.kortingPercentage ? `; korting ${formatPct(x.kortingPercentage, 4)}` : ''}; afspraken ${formatEuro(x.afsprakenTotaal)}`,
    );
    for (const f of x.flags)
      if (f.severity !== 'info' || ['KORTING', 'TERUGHOUDEND_VOOR_1_JUNI', 'BINNEN_MARGE'].includes(f.code)) lines.push(`    ${flagName(f)}: ${f.message}`);
  }
  lines.push(`Aanbieders: ${formatCount(r.providers.length)} (maatwerk: ${formatCount(r.providers.filter((p) => p.nieuw).length)})`);
  const counts = Object.entries(r.flagCounts).sort((a, b) => b[1] - a[1]);
  // a pack's own signals carry their name on the flag; the others are in the signal dictionary
  const names = new Map<string, string>();
  for (const x of [...r.sectors, ...r.providers]) for (const f of x.flags) if (!names.has(f.code)) names.set(f.code, flagName(f));
  for (const [code, name] of r.rowCounts.flagNames) if (!names.has(code)) names.set(code, name);
  if (counts.length) lines.push(`Signalen: ${counts.map(([c, n]) => `${names.get(c) ?? flagName({ code: c })} ${formatCount(n)}`).join(', ')}`);
  if (o.comparison) {
    lines.push(`Vergelijking (${o.comparison.label}):`);
    for (const x of o.comparison.sectors)
      lines.push(
        `  ${x.sector}: productie ${x.extrapolatedDiff.isNegative() ? '' : '+'}${formatEuro(x.extrapolatedDiff)}, afspraken ${x.afsprakenDiff.isNegative() ? '' : '+'}${formatEuro(x.afsprakenDiff)}`,
      );
  }
  lines.push(o.chartWritten ? 'Grafiek: ingevoegd.' : 'Grafiek: niet getekend; zie de maandtabel met balken.');
  for (const w of o.warnings) lines.push(`Let op: ${w}`);
  lines.push(`Geschreven: ${output} (blad "${HERSCHIK_SHEET}" en eigen kolommen naast de productie)`);
  return lines.join('\n');
}
