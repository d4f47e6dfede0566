/**
 * Reading aanvraagformulieren: label/value cells, not a table. Each sheet is scored by the form labels it holds
 * (form-layout.ts); the sheets that are request forms give one reading each, a sheet with form lines but no
 * "who and what" (the assessor's "Beoordeling zorgkantoor") joins the form before it. Values are found by label
 * within the chosen sheets only, plus an optional table "omzet per prestatie".
 * Pure: grids in, ProviderInputs with completeness/consistency findings out.
 */
import { dec, formatEuro, formatPercentage, type Dec } from '../money';
import { cellToText, isEmptyCell, parseBoolean, parseMoney, parseNumber, parsePercentage, shortCell, type CellValue } from '../parse';
import { assessmentFields, criterionField, documentField, evidenceField, IDENTITY_FIELDS } from './fields';
import { columnName, findOmzetTable, formLines, scoreSheet, vocabulary, type FormLine, type FormSheet, type SheetScore } from './form-layout';
import type { Procedure } from './procedure';
import type { Finding, ProviderInput } from './types';

interface TableLine {
  ref: string;
  code: string;
  volume?: Dec;
  tarief?: Dec;
  percentage?: Dec;
  omzet?: Dec;
}

function tableLines(sheet: FormSheet): TableLine[] {
  const table = findOmzetTable(sheet.grid);
  if (!table) return [];
  const lines: TableLine[] = [];
  for (let q = table.header + 1; q <= table.end; q++) {
    const line = sheet.grid[q] ?? [];
    const get = (name: string, parse: (v: CellValue) => ReturnType<typeof parseMoney>) => {
      if (table.columns[name] === undefined) return undefined;
      const p = parse(line[table.columns[name]]);
      return p.ok ? p.value : undefined;
    };
    lines.push({
      ref: `blad ${sheet.name}, rij ${q + 1}`,
      code: cellToText(line[table.columns.code]).trim(),
      volume: get('volume', parseNumber),
      tarief: get('tarief', parseMoney),
      percentage: get('percentage', parsePercentage),
      omzet: get('omzet', parseMoney),
    });
  }
  return lines;
}

export interface FormReading {
  input: ProviderInput;
  /** Number of labels recognised; a workbook with few is not a form. */
  recognised: number;
  /** The sheet that holds the request (who and what). */
  sheet: string;
  /** Every sheet read for this form: the request sheet first, then the sheets that supplement it. */
  sheets: string[];
}

/** Fields every form must have, and the route-specific ones (label shown when missing). */
const ALWAYS = ['agb', 'zorgaanbieder'];
const FOR_HERBEREKENING = ['tariefpercentageVorigJaar', 'omzet', 'opbrengsten', 'kostenTotaal', 'resultaat'];
const FOR_BOTH = ['hhcPercentage', 'hhcOmzet'];

type Add = (code: Finding['code'], severity: Finding['severity'], message: string, rule?: string, veld?: string) => void;

function collector(proc: Procedure, findings: Finding[]): Add {
  return (code, severity, message, rule, veld) => {
    const f: Finding = { onderdeel: 'formulier', code, severity, message, ...(veld ? { veld } : {}) };
    if (rule && proc.rules[rule]) {
      f.citation = proc.rules[rule].source;
      f.ruleId = rule;
    }
    findings.push(f);
  };
}

/** What the labels of the chosen sheets say: values by field, where they stand, and what is unclear. */
interface Collected {
  /** The sheets that held form labels, in the order given. */
  sheets: string[];
  cells: Record<string, CellValue>;
  refs: Record<string, string>;
  labelled: Set<string>;
  unclear: Record<string, string>;
}

function collectLines(sheets: FormSheet[], proc: Procedure, add: Add): Collected {
  const vocab = vocabulary(proc);
  const fields = assessmentFields(proc);
  const got: Collected = { sheets: [], cells: {}, refs: {}, labelled: new Set(), unclear: {} };
  const at = (sheet: string, r: number, c: number) => `blad ${sheet}, cel ${columnName(c)}${r + 1}`;
  for (const sheet of sheets) {
    const lines = formLines(sheet.grid, vocab);
    if (lines.length) got.sheets.push(sheet.name);
    for (const line of lines) {
      const { field } = line;
      const where = at(sheet.name, line.row, line.column);
      if (got.labelled.has(field) && got.cells[field] !== undefined) {
        add('LABEL_DUBBEL', 'waarschuwing', `"${line.label}" staat meer dan eens op het formulier (${where}); de eerste is gebruikt.`);
        if (line.value && cellToText(line.value.cell).trim() !== cellToText(got.cells[field]).trim())
          got.unclear[field] ??=
            `"${fields[field].label}" staat twee keer op het formulier met verschillende waarden (${got.refs[field]}: "${shortCell(got.cells[field])}", ${at(sheet.name, line.row, line.value.column)}: "${shortCell(line.value.cell)}")`;
        continue;
      }
      got.labelled.add(field);
      got.refs[field] = at(sheet.name, line.row, line.value?.column ?? line.column + 1);
      if (line.labelBeside !== undefined) labelBeside(line, where, fields[field].label, got, add);
      if (!line.value) continue;
      got.cells[field] = line.value.cell;
      if (line.evidence) takeEvidence(line, sheet.name, got);
    }
  }
  return got;
}

function labelBeside(line: FormLine, where: string, label: string, got: Collected, add: Add): void {
  add(
    'WAARDE_IS_LABEL',
    'waarschuwing',
    `Naast "${line.label}" (${where}) staat "${shortCell(line.labelBeside)}", zelf een label of kolomkop, geen waarde: het veld telt als leeg.`,
  );
  if ((IDENTITY_FIELDS as readonly string[]).includes(line.field))
    got.unclear[line.field] ??= `naast "${label}" staat "${shortCell(line.labelBeside)}", een label en geen waarde (${where})`;
}

function takeEvidence(line: FormLine, sheet: string, got: Collected): void {
  const ev = evidenceField(line.field.slice('crit_'.length));
  if (got.cells[ev] !== undefined || !line.evidence) return;
  got.cells[ev] = line.evidence.cell;
  got.refs[ev] = `blad ${sheet}, cel ${columnName(line.evidence.column)}${line.row + 1}`;
  got.labelled.add(ev);
}

/** Read the given sheets as ONE form (the request sheet first). `bron` says where it comes from, for the user. */
export function readForm(sheets: FormSheet[], proc: Procedure, bron: string): FormReading {
  const findings: Finding[] = [];
  const add = collector(proc, findings);
  const used = sheets.filter((s) => !/^tariefwijzer/i.test(s.name));
  const got = collectLines(used, proc, add);
  const asked = requestedRoutes(got, proc);
  const formRule =
    asked.hb && proc.rules['HB-documenten']
      ? 'HB-documenten'
      : proc.rules['HHC-juist-volledig']
        ? 'HHC-juist-volledig'
        : proc.rules['HB-documenten']
          ? 'HB-documenten'
          : undefined;
  completeness(got, proc, asked, add, formRule);
  tableChecks(used, got, asked.hb, add, formRule);
  const input: ProviderInput = { bron, cells: got.cells, refs: got.refs, formFindings: findings, bladen: got.sheets };
  if (Object.keys(got.unclear).length) input.unclear = got.unclear;
  return { input, recognised: got.labelled.size, sheet: got.sheets[0] ?? used[0]?.name ?? '', sheets: got.sheets };
}

/** The form is itself the aanvraagformulier of each route it asks for. */
function requestedRoutes(got: Collected, proc: Procedure): { hb: boolean; hhc: boolean } {
  const fields = assessmentFields(proc);
  const hbP = parseBoolean(got.cells.verzoekHerberekening);
  const hhcP = parseBoolean(got.cells.beroepHardheidsclausule);
  const hb = hbP.ok && hbP.value;
  const hhc = hhcP.ok && hhcP.value;
  for (const [ask, id] of [
    [hb, 'aanvraagformulier_herberekening'],
    [hhc, 'aanvraagformulier_hhc'],
  ] as const) {
    const f = documentField(id);
    if (ask && isEmptyCell(got.cells[f]) && fields[f]) {
      got.cells[f] = 'ja';
      got.refs[f] = 'dit formulier';
    }
  }
  return { hb, hhc };
}

/** Completeness: labels the template has, and values the route needs. */
function completeness(got: Collected, proc: Procedure, asked: { hb: boolean; hhc: boolean }, add: Add, formRule: string | undefined): void {
  const fields = assessmentFields(proc);
  const { labelled, cells, refs } = got;
  const both = asked.hb && asked.hhc && proc.herberekening ? FOR_BOTH : [];
  const required = [...ALWAYS, ...(asked.hb && proc.herberekening ? FOR_HERBEREKENING : []), ...both];
  if (!labelled.has('verzoekHerberekening') && !labelled.has('beroepHardheidsclausule'))
    add(
      'LABEL_ONTBREEKT',
      'fout',
      'Het formulier vraagt niet om herberekening of hardheidsclausule (labels "Verzoek herberekening tariefpercentage" en "Beroep op hardheidsclausule" niet gevonden).',
      formRule,
    );
  if (!['datumOntvangst', 'datumOntvangstHerberekening', 'datumOntvangstHardheidsclausule'].some((f) => labelled.has(f))) {
    add('LABEL_ONTBREEKT', 'waarschuwing', 'Geen label "Datum ontvangst" op het formulier: de termijn is niet te controleren.');
  }
  for (const f of required) {
    if (!labelled.has(f)) add('LABEL_ONTBREEKT', 'fout', `Label "${fields[f].label}" niet gevonden op het formulier.`, formRule, fields[f].label);
    else if (isEmptyCell(cells[f])) add('VELD_LEEG', 'fout', `"${fields[f].label}" (${refs[f]}) is niet ingevuld.`, formRule, fields[f].label);
  }
  if (asked.hhc) {
    for (const c of proc.hardheidsclausule?.criteria ?? []) {
      if (!labelled.has(criterionField(c.id))) add('LABEL_ONTBREEKT', 'info', `Criterium "${c.label}" staat niet op het formulier; vul het oordeel elders in.`);
    }
  }
}

/** The table "omzet per prestatie" on the chosen sheets: each line and the total. */
function tableChecks(sheets: FormSheet[], got: Collected, askHb: boolean, add: Add, formRule: string | undefined): void {
  const lowerP = parsePercentage(got.cells.tariefpercentageVorigJaar);
  const omzetP = parseMoney(got.cells.omzet);
  for (const lines of sheets.map(tableLines)) {
    let sum = dec(0);
    let complete = true;
    for (const line of lines) {
      if (!line.omzet) {
        complete = false;
        add('VELD_LEEG', 'fout', `Omzet per prestatie: regel ${line.ref} (${line.code}) heeft geen omzet.`, formRule, `Omzet ${line.code}`);
        continue;
      }
      sum = sum.plus(line.omzet);
      if (line.volume && line.tarief && line.percentage) {
        const expected = line.volume.times(line.tarief).times(line.percentage).dividedBy(100);
        if (expected.minus(line.omzet).abs().greaterThan(1)) {
          add(
            'REGEL_OMZET_KLOPT_NIET',
            'fout',
            `Omzet per prestatie ${line.ref} (${line.code}): ${formatEuro(line.omzet)} ≠ volume × NZa-maximumtarief × ${formatPercentage(line.percentage)} = ${formatEuro(expected)}.`,
            formRule,
          );
        }
      }
      if (askHb && lowerP.ok && line.percentage && !line.percentage.equals(lowerP.value)) {
        add(
          'PERCENTAGE_REGEL_WIJKT_AF',
          'waarschuwing',
          `Omzet per prestatie ${line.ref} (${line.code}) rekent met ${formatPercentage(line.percentage)}; het herberekeningsformulier hoort het lagere tariefpercentage ${formatPercentage(lowerP.value)} te gebruiken.`,
          'BEIDE-percentages',
        );
      }
    }
    if (complete && lines.length && omzetP.ok && sum.minus(omzetP.value).abs().greaterThan(1)) {
      add(
        'TOTAAL_OMZET_KLOPT_NIET',
        'fout',
        `Wlz-omzet ${formatEuro(omzetP.value)} (${got.refs.omzet}) ≠ som van de omzet per prestatie ${formatEuro(sum)}.`,
        formRule,
      );
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Which sheets are forms.

export interface FormsFound {
  /** One reading per request form, in workbook order. */
  forms: FormReading[];
  /** Every sheet's score, in workbook order: what was looked at, for messages. */
  scores: SheetScore[];
  /** Choices worth telling the user (a hidden form used, a supplement that fits no form). */
  warnings: string[];
}

/** "blad A" or "bladen A en B". */
export function sheetList(names: string[]): string {
  if (names.length <= 1) return `blad ${names[0] ?? ''}`;
  return `bladen ${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

/**
 * Score every sheet, choose the request forms (visible ones first; hidden ones only when no visible sheet is
 * a form) and read each with the supplement sheets that follow it (or, before the first form, precede it).
 * `prefix`: where the workbook comes from ("aanvraag.xlsx"), put before the sheet names in each `bron`.
 */
export function findForms(sheets: FormSheet[], proc: Procedure, prefix = ''): FormsFound {
  const vocab = vocabulary(proc);
  const own = sheets.filter((s) => !/^tariefwijzer/i.test(s.name));
  const scores = own.map((s) => scoreSheet(s, vocab));
  const warnings: string[] = [];
  const visibleForm = scores.some((s) => s.kind === 'formulier' && !s.hidden);
  const candidates = own.map((s, i) => ({ sheet: s, score: scores[i] })).filter((x) => x.score.kind !== 'geen' && (!visibleForm || !x.score.hidden));
  const requests = candidates.filter((x) => x.score.kind === 'formulier');
  if (!requests.length) return { forms: [], scores, warnings };
  for (const x of requests)
    if (x.score.hidden) warnings.push(`Blad "${x.sheet.name}" is verborgen; het is gebruikt omdat geen zichtbaar blad een aanvraagformulier is.`);
  const groups = new Map(requests.map((x) => [x.sheet, [x.sheet]]));
  for (const x of candidates.filter((c) => c.score.kind === 'aanvulling')) {
    const i = candidates.indexOf(x);
    const owner =
      [...candidates.slice(0, i)].reverse().find((c) => c.score.kind === 'formulier') ?? candidates.slice(i).find((c) => c.score.kind === 'formulier');
    groups.get(owner!.sheet)!.push(x.sheet);
  }
  const forms = requests.map((x) => {
    const group = groups.get(x.sheet)!;
    const bron = `${prefix ? `${prefix}, ` : ''}${sheetList(group.map((s) => s.name))}`;
    return readForm(group, proc, bron);
  });
  return { forms, scores, warnings };
}

/** What each sheet turned out to be, in Dutch, for the message when no form is found. */
export function describeScores(scores: SheetScore[], proc: Procedure): string {
  const fields = assessmentFields(proc);
  return scores
    .map((s) => {
      const labels = s.fields.map((f) => `"${fields[f]?.label ?? f}"`);
      const table = s.tableHeaders.length ? `kopregel van een tabel in rij ${s.tableHeaders.map((r) => r + 1).join(', ')}` : '';
      const found = labels.length
        ? `${labels.length === 1 ? '1 label' : `${labels.length} labels`} (${labels.slice(0, 4).join(', ')}${labels.length > 4 ? ', …' : ''})`
        : 'geen labels van het formulier';
      return `${s.sheet}: ${[table, found].filter(Boolean).join('; ')}`;
    })
    .join('; ');
}
