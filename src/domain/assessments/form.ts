/**
 * Reading an aanvraagformulier: a workbook laid out as label/value cells, not a table. Values are found by
 * their label anywhere on the form (moved rows or columns do not matter), plus an optional table
 * "omzet per prestatie". Pure: grids in, a ProviderInput with completeness/consistency findings out.
 */
import { normalizeHeader } from '../fields';
import { dec, formatEuro, formatPercentage, type Dec } from '../money';
import { cellToText, isEmptyCell, parseBoolean, parseMoney, parseNumber, parsePercentage, type CellValue } from '../parse';
import { assessmentFields, criterionField, documentField, evidenceField } from './fields';
import type { Procedure } from './procedure';
import type { Finding, ProviderInput } from './types';

export interface FormSheet {
  name: string;
  grid: CellValue[][];
}

function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** How far right of a label its value may stand (merged or spaced cells). */
const VALUE_REACH = 3;

/** "3. AGB-code (8 cijfers) *:" → "agbcode". */
export function normalizeLabel(text: string): string {
  return normalizeHeader(
    text
      .replace(/\([^)]*\)/g, ' ')
      .replace(/^\s*[A-Za-z]?\d+(\.\d+)*[.)]?\s+/, '')
      .replace(/[*:]+\s*$/, ''),
  );
}

function labelIndex(proc: Procedure): Map<string, string> {
  const index = new Map<string, string>();
  for (const [name, def] of Object.entries(assessmentFields(proc))) {
    for (const a of [def.label, ...def.aliases]) {
      const key = normalizeLabel(a);
      if (key && !index.has(key)) index.set(key, name);
    }
  }
  return index;
}

interface TableLine {
  ref: string;
  code: string;
  volume?: Dec;
  tarief?: Dec;
  percentage?: Dec;
  omzet?: Dec;
}

const TABLE_COLUMNS: Record<string, string[]> = {
  code: ['prestatiecode', 'prestatie', 'code'],
  volume: ['volume', 'aantal', 'productie'],
  tarief: ['nzamaximumtarief', 'maximumtarief', 'nzatarief'],
  percentage: ['tariefpercentage', 'percentage'],
  omzet: ['omzet', 'wlzomzet', 'bedrag'],
};

/** A table with at least Prestatiecode and Omzet in its header row; rows until the first empty code. */
function findTable(sheet: FormSheet): { header: number; end: number; lines: TableLine[] } | undefined {
  for (let r = 0; r < sheet.grid.length; r++) {
    const row = sheet.grid[r] ?? [];
    const cols: Record<string, number> = {};
    row.forEach((cell, c) => {
      const key = normalizeLabel(cellToText(cell));
      for (const [name, keys] of Object.entries(TABLE_COLUMNS)) if (cols[name] === undefined && keys.includes(key)) cols[name] = c;
    });
    if (cols.code === undefined || cols.omzet === undefined) continue;
    const lines: TableLine[] = [];
    let end = r;
    for (let q = r + 1; q < sheet.grid.length; q++) {
      const line = sheet.grid[q] ?? [];
      const code = cellToText(line[cols.code]).trim();
      if (!code || /^totaal/i.test(code)) break;
      end = q;
      const get = (name: string, parse: (v: CellValue) => ReturnType<typeof parseMoney>) => {
        if (cols[name] === undefined) return undefined;
        const p = parse(line[cols[name]]);
        return p.ok ? p.value : undefined;
      };
      lines.push({
        ref: `blad ${sheet.name}, rij ${q + 1}`,
        code,
        volume: get('volume', parseNumber),
        tarief: get('tarief', parseMoney),
        percentage: get('percentage', parsePercentage),
        omzet: get('omzet', parseMoney),
      });
    }
    return { header: r, end, lines };
  }
  return undefined;
}

export interface FormReading {
  input: ProviderInput;
  /** Number of labels recognised; a workbook with few is not a form. */
  recognised: number;
  /** Sheets that held recognised labels. */
  sheets: string[];
}

/** Fields every form must have, and the route-specific ones (label shown when missing). */
const ALWAYS = ['agb', 'zorgaanbieder'];
const FOR_HERBEREKENING = ['tariefpercentageVorigJaar', 'omzet', 'opbrengsten', 'kostenTotaal', 'resultaat'];
const FOR_BOTH = ['hhcPercentage', 'hhcOmzet'];

export function readForm(sheets: FormSheet[], proc: Procedure, bron: string): FormReading {
  const fields = assessmentFields(proc);
  const index = labelIndex(proc);
  const cells: Record<string, CellValue> = {};
  const refs: Record<string, string> = {};
  const labelled = new Set<string>();
  const findings: Finding[] = [];
  const used = new Set<string>();
  const add = (code: Finding['code'], severity: Finding['severity'], message: string, rule?: string, veld?: string) => {
    const f: Finding = { onderdeel: 'formulier', code, severity, message, ...(veld ? { veld } : {}) };
    if (rule && proc.rules[rule]) {
      f.citation = proc.rules[rule].source;
      f.ruleId = rule;
    }
    findings.push(f);
  };
  const tables: Array<{ sheet: string; lines: TableLine[] }> = [];

  for (const sheet of sheets) {
    if (/^tariefwijzer/i.test(sheet.name)) continue;
    const table = findTable(sheet);
    if (table) tables.push({ sheet: sheet.name, lines: table.lines });
    sheet.grid.forEach((row, r) => {
      if (table && r >= table.header && r <= table.end) return;
      (row ?? []).forEach((cell, c) => {
        if (typeof cell !== 'string') return;
        const field = index.get(normalizeLabel(cell));
        if (!field) return;
        used.add(sheet.name);
        if (labelled.has(field) && cells[field] !== undefined) {
          add(
            'LABEL_DUBBEL',
            'waarschuwing',
            `"${cell.trim()}" staat meer dan eens op het formulier (blad ${sheet.name}, cel ${columnName(c)}${r + 1}); de eerste is gebruikt.`,
          );
          return;
        }
        labelled.add(field);
        let vc = -1;
        for (let k = c + 1; k <= c + VALUE_REACH && k < row.length; k++) {
          if (!isEmptyCell(row[k])) {
            vc = k;
            break;
          }
        }
        refs[field] = `blad ${sheet.name}, cel ${columnName(vc >= 0 ? vc : c + 1)}${r + 1}`;
        if (vc < 0) return;
        cells[field] = row[vc];
        // A criterion line reads label | oordeel | onderbouwing.
        if (field.startsWith('crit_')) {
          const ev = evidenceField(field.slice('crit_'.length));
          for (let k = vc + 1; k <= vc + VALUE_REACH && k < row.length; k++) {
            if (!isEmptyCell(row[k])) {
              if (cells[ev] === undefined) {
                cells[ev] = row[k];
                refs[ev] = `blad ${sheet.name}, cel ${columnName(k)}${r + 1}`;
                labelled.add(ev);
              }
              break;
            }
          }
        }
      });
    });
  }

  // The form is itself the aanvraagformulier of each route it asks for.
  const hb = parseBoolean(cells.verzoekHerberekening);
  const hhc = parseBoolean(cells.beroepHardheidsclausule);
  const askHb = hb.ok && hb.value;
  const askHhc = hhc.ok && hhc.value;
  for (const [ask, id] of [
    [askHb, 'aanvraagformulier_herberekening'],
    [askHhc, 'aanvraagformulier_hhc'],
  ] as const) {
    const f = documentField(id);
    if (ask && isEmptyCell(cells[f]) && fields[f]) {
      cells[f] = 'ja';
      refs[f] = 'dit formulier';
    }
  }

  // The rule that asks for a correct and complete form: the herberekening's when it is asked for.
  const formRule =
    askHb && proc.rules['HB-documenten']
      ? 'HB-documenten'
      : proc.rules['HHC-juist-volledig']
        ? 'HHC-juist-volledig'
        : proc.rules['HB-documenten']
          ? 'HB-documenten'
          : undefined;

  // Completeness: labels the template has, and values the route needs.
  const required = [...ALWAYS, ...(askHb && proc.herberekening ? FOR_HERBEREKENING : []), ...(askHb && askHhc && proc.herberekening ? FOR_BOTH : [])];
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
  if (askHhc) {
    for (const c of proc.hardheidsclausule?.criteria ?? []) {
      if (!labelled.has(criterionField(c.id))) add('LABEL_ONTBREEKT', 'info', `Criterium "${c.label}" staat niet op het formulier; vul het oordeel elders in.`);
    }
  }

  // The table "omzet per prestatie": each line and the total.
  const lowerP = parsePercentage(cells.tariefpercentageVorigJaar);
  const omzetP = parseMoney(cells.omzet);
  for (const t of tables) {
    let sum = dec(0);
    let complete = true;
    for (const line of t.lines) {
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
    if (complete && t.lines.length && omzetP.ok && sum.minus(omzetP.value).abs().greaterThan(1)) {
      add(
        'TOTAAL_OMZET_KLOPT_NIET',
        'fout',
        `Wlz-omzet ${formatEuro(omzetP.value)} (${refs.omzet}) ≠ som van de omzet per prestatie ${formatEuro(sum)}.`,
        formRule,
      );
    }
  }

  return { input: { bron, cells, refs, formFindings: findings }, recognised: labelled.size, sheets: [...used] };
}
