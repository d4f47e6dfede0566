/**
 * `tariefwijzer assess FORM.xlsx... --policy ID`: reads one or more aanvraagformulieren (or provider lists),
 * assesses each provider and writes ONE new workbook (default beoordelingen-tariefwijzer.xlsx next to the
 * first input): sheet "Aanvragen" with one row per provider and the three Tariefwijzer columns, and sheet
 * "Tariefwijzer beoordelingen" with the summary and every reason with its citation. Inputs are never changed.
 */
import path from 'node:path';
import {
  assessProvider,
  procedureForPolicy,
  listProcedures,
  readForm,
  resolveProcedureParameters,
  type Procedure,
  type ProviderAssessment,
  type ProviderInput,
} from '../../domain/assessments';
import type { ParameterValues } from '../../domain/policy/types';
import { getPack, listPacks } from '../../policies';
import { InputError } from '../../workbook/annotate';
import {
  ASSESS_HEADERS,
  ASSESS_SHEET,
  detectListHeader,
  OVERVIEW_HEADERS,
  overviewRow,
  providersFromList,
  summarySheet,
  writeAssessmentColumns,
} from '../../workbook/assess';
import { XlsxWorkbook } from '../../workbook/xlsx/adapter';
import { checkInputFile, isSameFile, openWorkbook, parse, parseSets, saveSafely, UsageError, type Command } from '../common';

export const OVERVIEW_SHEET = 'Aanvragen';
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

/** The providers in one input file: the rows of a provider list, or the one provider of a form. */
async function readInput(file: string, proc: Procedure): Promise<Read[]> {
  const wb = await openWorkbook(file);
  const base = path.basename(file);
  const names = (await wb.sheetNames()).filter((n) => !/^tariefwijzer/i.test(n));
  const sheets = await Promise.all(names.map(async (name) => ({ name, grid: await wb.readSheet(name) })));
  for (const s of sheets) {
    const header = detectListHeader(s.grid, proc);
    if (header) return providersFromList(s.name, s.grid, header, proc).map((p) => ({ file: base, input: { ...p.input, bron: `${base} ${p.input.bron}` } }));
  }
  const reading = readForm(sheets, proc, base);
  if (reading.recognised < 3)
    throw new InputError(
      `${base}: geen aanvraagformulier (labels zoals "AGB-code" en "Verzoek herberekening tariefpercentage") en geen aanbiederslijst gevonden.`,
    );
  return [{ file: base, input: reading.input }];
}

export const assess: Command = {
  usage: 'assess FORMULIER.xlsx... --policy ID [--set naam=waarde]... [--out UITVOER.xlsx] [--json]',
  summary:
    'beoordeelt aanvragen herberekening tariefpercentage en hardheidsclausule (aanvraagformulieren of aanbiederslijsten)\nen schrijft één nieuw bestand met de beoordelingen (standaard beoordelingen-tariefwijzer.xlsx naast het eerste formulier)',
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
    for (const file of inputs) {
      progress(`Lezen: ${file}`);
      read.push(...(await readInput(file, proc)));
    }
    const assessments = read.map((r) => assessProvider(r.input, proc, params));

    const wb = XlsxWorkbook.empty();
    const overview = [[...OVERVIEW_HEADERS], ...read.map((r, i) => overviewRow(r.file, r.input, assessments[i]))];
    await wb.replaceSheet(OVERVIEW_SHEET, overview);
    const header = { row: 0, columns: {}, outputColumns: [] };
    const warnings: string[] = [];
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

    if (values.json) io.out(JSON.stringify({ output, procedure: proc.id, policy: policyId, providers: assessments.map(toJson) }, null, 2));
    else io.out(summaryText(assessments, proc, output));
    return assessments.length ? 0 : 1;
  },
};

function toJson(a: ProviderAssessment) {
  const route = (r: ProviderAssessment['herberekening']) => ({
    status: r.status,
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
    agb: a.agb,
    naam: a.naam,
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
  for (const a of list) {
    lines.push(`- ${a.agb || '(geen AGB-code)'} ${a.naam} [${a.bron}]`);
    if (a.herberekening.aangevraagd) lines.push(`    herberekening: ${a.herberekening.uitkomst}`);
    if (a.hardheidsclausule.aangevraagd) lines.push(`    hardheidsclausule: ${a.hardheidsclausule.uitkomst}`);
    lines.push(`    termijn: ${a.termijn.samenvatting}`);
  }
  lines.push(`Geschreven: ${output} (bladen "${OVERVIEW_SHEET}" met de kolommen ${ASSESS_HEADERS.join(', ')} en "${ASSESS_SHEET}")`);
  return lines.join('\n');
}
