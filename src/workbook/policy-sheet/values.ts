/** Cell texts as the pack holds them: names, lists of years, a rule's value and a condition. */
import { type FieldDef, normalizeHeader } from '../../domain/fields';
import { cellToText, type CellValue, parseBoolean, parseNumber, parseNumberText, parsePercentage } from '../../domain/parse';
import { normalizeConditionValue } from '../../domain/policy/normalize';
import { fieldIndex, type Obj } from './vocabulary';

/** "Kwaliteitsplan akkoord" → "kwaliteitsplanAkkoord" (a field name from a column header). */
export function camelCase(label: string): string {
  const words = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase())).join('');
  return /^[a-z]/.test(name) ? name : '';
}

/** "2024, 2025" or "2024-2026" (a cell with one year may be a number) → years; a message when it is not. */
export function yearList(v: CellValue): number[] | string {
  const text = cellToText(v).trim();
  const range = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(text);
  if (range && Number(range[1]) <= Number(range[2])) return Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, i) => Number(range[1]) + i);
  const years = list(text);
  if (!years.length || years.some((y) => !/^\d{4}$/.test(y))) return `"${text}" is geen lijst van jaren; schrijf bijv. "2024, 2025" of "2024-2026"`;
  return years.map(Number);
}

export function list(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A number for the rule's value (percentage or points), a parameter name, or "kolom NAAM". */
export function parseValue(v: CellValue, points: boolean): string | Obj | { problem: string } {
  const text = cellToText(v).trim();
  if (typeof v === 'string' && /^[a-z][a-z0-9_]*$/.test(text)) return { param: text };
  const kolom = /^kolom\s*:?\s*(.+)$/i.exec(text);
  if (typeof v === 'string' && kolom) {
    const field = fieldIndex().get(normalizeHeader(kolom[1])) ?? kolom[1].trim();
    return { field };
  }
  const p = points ? (typeof v === 'number' ? parseNumber(v) : parseNumberText(text.replace(/%\s*$/, '').replace(/^\+/, ''))) : parsePercentage(v);
  if (!p.ok) return { problem: `"${text}" is geen getal, parameternaam of "kolom NAAM"` };
  return p.value.toString();
}

/** One condition cell: "4VV, 5VV", "niet ZZP", "ja", "< 10", ">= 95,8", "ingevuld", "leeg". */
export function parseCondition(field: string, v: CellValue, def?: FieldDef): Obj | string {
  if (typeof v === 'boolean') return { field, is: v };
  let text = cellToText(v).trim();
  const lower = text.toLowerCase();
  if (lower === 'ingevuld') return { field, present: true };
  if (lower === 'leeg' || lower === 'niet ingevuld') return { field, present: false };
  const cmp = /^(<=|>=|≤|≥|<|>)\s*(.+)$/.exec(text);
  if (cmp) {
    const n = parseNumberText(cmp[2].replace(/%\s*$/, '').trim());
    if (!n.ok) return `"${cmp[2]}" is geen getal`;
    const op = { '<': 'lt', '<=': 'lte', '≤': 'lte', '>': 'gt', '>=': 'gte', '≥': 'gte' }[cmp[1]]!;
    return { field, [op]: n.value.toString() };
  }
  let negate = false;
  if (/^niet\s+/i.test(text)) {
    negate = true;
    text = text.replace(/^niet\s+/i, '');
  }
  const values = list(text);
  if (!values.length) return 'lege voorwaarde';
  const numeric = def && ['money', 'percentage', 'points', 'integer', 'number'].includes(def.type);
  if (numeric && typeof v !== 'number') {
    const bad = values.find((x) => !parseNumberText(x.replace(/%\s*$/, '')).ok);
    if (bad !== undefined) return `"${bad}" is geen getal; ${def.label} vraagt een getal of een vergelijking, bijv. < 10`;
  }
  if (def?.type === 'boolean' && !(values.length === 1 && parseBoolean(values[0]).ok)) return `"${text}" is geen ja/nee-waarde voor ${def.label}`;
  const bools = values.map((x) => parseBoolean(x));
  let cond: Obj;
  if (values.length === 1 && bools[0].ok && !['prestatiecode', 'zorgprofiel', 'leveringsvorm', 'sector', 'component', 'profielgroep'].includes(field)) {
    cond = { field, is: (bools[0] as { value: boolean }).value };
  } else {
    const out: Array<string | number | boolean> = [];
    for (const x of values) {
      const n = normalizeConditionValue(field, typeof v === 'number' ? v : x, def);
      if (!n.ok) return n.message;
      out.push(n.value);
    }
    cond = { field, in: out };
  }
  return negate ? { not: cond } : cond;
}
