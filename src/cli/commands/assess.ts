/**
 * `tariefwijzer assess FORM.xlsx... --policy ID`: reads one or more aanvraagformulieren (or provider lists),
 * assesses each provider and writes ONE new workbook (default beoordelingen-tariefwijzer.xlsx next to the
 * first input): sheet "Aanvragen" with one row per provider and the three Tariefwijzer columns, and sheet
 * "Tariefwijzer beoordelingen" with the summary and every reason with its citation. Inputs are never changed.
 */
import { EXIT } from '../exit-codes';
import path from 'node:path';
import {
  assessProvider,
  attentionReasons,
  procedureForPolicy,
  listProcedures,
  resolveProcedureParameters,
  type Procedure,
  type ProviderAssessment,
  type ProviderInput,
} from '../../domain/assessments';
import type { ParameterValues } from '../../domain/policy/types';
import { getPack, listPacks } from '../../policies';
import { InputError } from '../../workbook/errors';
import { ASSESS_HEADERS, ASSESS_SHEET, findAssessInput, OVERVIEW_HEADERS, overviewRow, summarySheet, writeAssessmentColumns } from '../../workbook/jobs/assess';
import { XlsxWorkbook } from '../../workbook/xlsx/adapter';
import { checkInputFile, isSameFile, openWorkbook, parse, parseSets, saveSafely, UsageError, type Command } from '../common';

export const OVERVIEW_SHEET = 'Aanvragen';
/** Exit code when everything was written but at least one assessment asks for action (docs/beoordelen.md). */
export const DEFAULT_OUTPUT = 'beoordelingen-tariefwijzer.xlsx';

interface Read {
  file: string;
  input: ProviderInput;
}

function chooseProcedure(values: { policy?: unknown; set?: unknown }): { proc: Procedure; params: ParameterValues; policyId: string } {
  const available = listPacks()
    .map((p) => p.id)
    .join(', ');
  if (typeof values.policy !== 'string' || !values.policy)
    throw new UsageError(
      `Kies een beleid met --policy. Met regels voor herberekening/hardheidsclausule: ${listProcedures()
        .flatMap((p) => p.policies)
        .join(', ')}.`,
    );
  if (!getPack(values.policy)) throw new UsageError(`Onbekend beleid "${values.policy}". Beschikbaar: ${available}.`);
  const proc = procedureForPolicy(values.policy);
  if (!proc) {
    throw new InputError(
      `De bron van beleid "${values.policy}" beschrijft geen herberekening of hardheidsclausule; er is niets om aan te toetsen. Beleid met deze regels: ${listProcedures()
        .flatMap((p) => p.policies)
        .join(', ')}.`,
    );
  }
  const { values: params, errors } = resolveProcedureParameters(proc, parseSets(values.set as string[] | undefined));
  if (errors.length) throw new InputError(errors.map((e) => `parameter ${e.name}: ${e.message}`).join('\n'));
  return { proc, params, policyId: values.policy };
}

/** The providers in one input file: the rows of a provider list, or one per aanvraagformulier in it. */
async function readInput(file: string, proc: Procedure, warnings: string[]): Promise<Read[]> {
  const wb = await openWorkbook(file);
  const base = path.basename(file);
  const found = await findAssessInput(wb, proc, { prefix: base });
  warnings.push(...found.warnings.map((w) => `${base}: ${w}`));
  const inputs = found.mode === 'lijst' ? found.providers.map((p) => p.input) : found.forms.map((f) => f.input);
  return inputs.map((input) => ({ file: base, input }));
}

export const assess: Command = {
  usage: 'assess FORMULIER.xlsx... --policy ID [--set naam=waarde]... [--out UITVOER.xlsx] [--json]',
  summary:
    'beoordeelt aanvragen herberekening tariefpercentage en hardheidsclausule (aanvraagformulieren of aanbiederslijsten)\nen schrijft één nieuw bestand met de beoordelingen (standaard beoordelingen-tariefwijzer.xlsx naast het eerste formulier);\nuitgangscode 3: geschreven, maar een aanvraag vraagt aandacht (identiteit onzeker, oordeel open)',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      policy: { type: 'string' },
      set: { type: 'string', multiple: true },
      out: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (!positionals.length) throw new UsageError('Geef minstens één aanvraagformulier (.xlsx).');
    const inputs = positionals.map((p) => path.resolve(p));
    const { proc, params, policyId } = chooseProcedure(values);
    const output = path.resolve(typeof values.out === 'string' ? values.out : path.join(path.dirname(inputs[0]), DEFAULT_OUTPUT));
    inputs.forEach(checkInputFile);
    if (inputs.some((input) => isSameFile(input, output)))
      throw new UsageError('Het uitvoerbestand mag geen invoerbestand zijn (ook niet via een snelkoppeling of een tweede naam voor hetzelfde bestand).');
    const progress = (t: string) => {
      if (!values.json) io.err(t);
    };

    const read: Read[] = [];
    const warnings: string[] = [];
    for (const file of inputs) {
      progress(`Lezen: ${file}`);
      read.push(...(await readInput(file, proc, warnings)));
    }
    warnings.forEach((w) => progress(`Let op: ${w}`));
    const assessments = read.map((r) => assessProvider(r.input, proc, params));

    const wb = XlsxWorkbook.empty();
    const overview = [[...OVERVIEW_HEADERS], ...read.map((r, i) => overviewRow(r.file, r.input, assessments[i]))];
    await wb.replaceSheet(OVERVIEW_SHEET, overview);
    const header = { row: 0, columns: {}, outputColumns: [] };
    await writeAssessmentColumns(
      wb,
      OVERVIEW_SHEET,
      overview,
      header,
      assessments.map((assessment, i) => ({ rows: [i + 1], assessment })),
      warnings,
    );
    await wb.replaceSheet(
      ASSESS_SHEET,
      summarySheet(assessments, proc, params, {
        policyId,
        source: read
          .map((r) => r.file)
          .filter((f, i, a) => a.indexOf(f) === i)
          .join(', '),
        warnings,
      }),
    );
    progress(`Schrijven: ${output}`);
    await saveSafely(wb, output);

    const attention = assessments.filter((a) => attentionReasons(a).length).length;
    if (values.json)
      io.out(
        JSON.stringify(
          { output, procedure: proc.id, policy: policyId, aandacht: attention, providers: assessments.map(toJson), opmerkingen: warnings },
          null,
          2,
        ),
      );
    else io.out(summaryText(assessments, proc, output));
    // 3: written, but an outcome asks for the user's action (identity unsure, a judgement open): not plain success
    return attention ? EXIT.aandacht : EXIT.klaar;
  },
};

function toJson(a: ProviderAssessment) {
  const route = (r: ProviderAssessment['herberekening']) => ({
    status: r.status,
    inhoudelijk: r.inhoudelijk ?? null,
    ontvankelijk: r.ontvankelijk ?? null,
    uitkomst: r.uitkomst,
    ontbreekt: r.ontbreekt,
    voorgesteldPercentage: r.voorgesteldPercentage?.toString() ?? null,
    kostendekkendPercentage: r.kostendekkendPercentage?.toString() ?? null,
    omzetBijgesteld: r.omzetBijgesteld?.toString() ?? null,
    geldigTot: r.geldigTot ?? null,
  });
  return {
    bron: a.bron,
    bladen: a.bladen,
    agb: a.agb,
    naam: a.naam,
    identiteit: a.identiteit,
    aandacht: attentionReasons(a),
    herberekening: route(a.herberekening),
    hardheidsclausule: route(a.hardheidsclausule),
    termijn: {
      status: a.termijn.status,
      uiterste: a.termijn.uiterste ?? null,
      advies: a.termijn.advies ?? null,
      terugkoppeling: a.termijn.terugkoppeling ?? null,
      kortGedingTot: a.termijn.kortGedingTot ?? null,
      ontvangen: a.termijn.ontvangen,
      samenvatting: a.termijn.samenvatting,
    },
    findings: a.findings.map((f) => ({ onderdeel: f.onderdeel, code: f.code, severity: f.severity, message: f.message, citation: f.citation ?? null })),
  };
}

function summaryText(list: ProviderAssessment[], proc: Procedure, output: string): string {
  const lines = [`Procedure: ${proc.title}`, `Aanvragen: ${list.length}`];
  let attention = 0;
  for (const a of list) {
    lines.push(`- ${a.agb || '(geen AGB-code)'} ${a.naam || '(geen naam)'} [${a.bron}]`);
    if (a.herberekening.aangevraagd) lines.push(`    herberekening: ${a.herberekening.uitkomst}`);
    if (a.hardheidsclausule.aangevraagd) lines.push(`    hardheidsclausule: ${a.hardheidsclausule.uitkomst}`);
    lines.push(`    termijn: ${a.termijn.samenvatting}`);
    const reasons = attentionReasons(a);
    if (reasons.length) {
      attention++;
      lines.push(`    AANDACHT: ${reasons.join('; ')}`);
    }
  }
  lines.push(`Geschreven: ${output} (bladen "${OVERVIEW_SHEET}" met de kolommen ${ASSESS_HEADERS.join(', ')} en "${ASSESS_SHEET}")`);
  lines.push(
    attention
      ? `Aandacht nodig bij ${attention} van ${list.length} ${list.length === 1 ? 'aanvraag' : 'aanvragen'}: handmatig controleren of beoordelen (uitgangscode ${EXIT.aandacht}).`
      : 'Geen openstaande punten: elke aanvraag heeft een uitkomst.',
  );
  return lines.join('\n');
}
