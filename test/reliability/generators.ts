/** fast-check generators of workbooks as users make them: layouts, aliases, mixed types, both number conventions. */
import fc from 'fast-check';
import { CORE_FIELDS } from '../../src/domain/fields';
import type { SheetSpec, SpecCell, SpecValue, WorkbookSpec } from './workbooks';

/** Codes from the catalog and ones it does not know, in the shapes people type them. */
const CODES = ['Z1105', 'Z1007', 'V1101', 'V051', 'Z061', 'H126', 'F125', 'H001', 'ZZP 5 VV', ' z1105 ', 'Z 1105', 'X9999', '1105', '0012'];
const NAMES = [
  'Zorg Noord B.V.',
  'Stichting Ûtrecht-Zuid',
  'Šárka Zorg',
  'Zorggroep „De Linde”',
  '中文 Zorg',
  'Zorg 🏥 Thuis',
  "O'Neill & Zn.",
  '<b>vet</b> & <script>x</script>',
  '=HYPERLINK("http://x")',
  '+31 Zorg',
  '-Min Zorg',
  '@Zorg',
  '\tTab Zorg',
  '\rCR Zorg',
];
const MONEY_TEXT = [
  '€ 1.234,56',
  '€1,234.56',
  '1.234,56',
  '1,234.56',
  '1234,56',
  '1234.56',
  'EUR 200',
  '200 €',
  '€ -12,00',
  '(300,00)',
  '0',
  '9.999.999,99',
  'abc',
  '12,3,4',
  ' 300 ',
];
const PCT_TEXT = ['95,5%', '95.5 %', '0,955', '95,5', '96,9%', '1,5', '-3%', '150%', 'honderd', '%'];
const FREE_TEXT = ['ja', 'nee', 'x', 'WAAR', 'n.v.t.', '', ' ', '—', 'Verblijf', 'VPT', 'GGZ-W5', 'W1', '2024', '25-9-2024', '31-02-2024'];

/** Headers that are no field (user columns that must stay as they are). */
const OTHER_HEADERS = ['Opmerking inkoper', 'Notitie', 'Contactpersoon', 'Ümlaut kolom', 'Kolom 🧾', 'Status'];

const scalar: fc.Arbitrary<SpecValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CODES) },
  { weight: 2, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...MONEY_TEXT) },
  { weight: 2, arbitrary: fc.constantFrom(...PCT_TEXT) },
  { weight: 2, arbitrary: fc.constantFrom(...FREE_TEXT) },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer({ min: -1000, max: 100_000 }),
      fc.double({ min: -1e6, max: 1e9, noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0.955, 95.5, 1e15, -0, 1e-9),
    ),
  },
  { weight: 1, arbitrary: fc.boolean() },
  {
    weight: 1,
    arbitrary: fc
      .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))),
  },
  { weight: 1, arbitrary: fc.constantFrom({ error: '#N/A' }, { error: '#DIV/0!' }, { error: '#REF!' }, { error: '#VALUE!' }) },
  { weight: 1, arbitrary: fc.constantFrom({ formula: 'A1*2', result: 300 }, { formula: '=B2&"x"', result: 'Z1105' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 3, arbitrary: fc.constant(null) },
);

/** A header for a field: its label, its name or one of its aliases, in a random case. */
function headerFor(field: string): fc.Arbitrary<string> {
  const def = CORE_FIELDS[field];
  return fc
    .tuple(fc.constantFrom(def.label, ...def.aliases), fc.constantFrom('same', 'upper', 'lower'))
    .map(([h, c]) => (c === 'upper' ? h.toUpperCase() : c === 'lower' ? h.toLowerCase() : h));
}

const OPTIONAL_FIELDS = [
  'agb',
  'zorgaanbieder',
  'maximumtarief',
  'zorgprofiel',
  'leveringsvorm',
  'tariefpercentageVorigJaar',
  'nieuweAanbieder',
  'gecontracteerdTarief',
  'inkoopjaar',
  'volume',
];

export interface GeneratedSheet {
  spec: WorkbookSpec;
  sheet: string;
  headerRow: number;
}

/** A data sheet (random title rows, header position and columns), sometimes with an NZa tariff sheet. */
export const workbookArb: fc.Arbitrary<GeneratedSheet> = fc
  .record({
    sheet: fc.constantFrom('Aanbieders', 'Blad1', 'Zorgaanbieders 2025', 'Überblick', 'Données', 'Лист 1', '表1'),
    titleRows: fc.array(
      fc.oneof(fc.constant([] as SpecValue[]), fc.constantFrom(['Contractering 2025'], ['Versie 3', null, 'concept'], [{ error: '#REF!' }])),
      { maxLength: 5 },
    ),
    leftPad: fc.integer({ min: 0, max: 3 }),
    fields: fc.subarray(OPTIONAL_FIELDS, { minLength: 1 }),
    others: fc.subarray(OTHER_HEADERS),
    seed: fc.integer(),
    headers: fc.record(Object.fromEntries(['prestatiecode', ...OPTIONAL_FIELDS].map((f) => [f, headerFor(f)])) as Record<string, fc.Arbitrary<string>>),
    rows: fc.array(
      fc.oneof({ weight: 1, arbitrary: fc.constant('empty' as const) }, { weight: 6, arbitrary: fc.array(scalar, { minLength: 16, maxLength: 16 }) }),
      { maxLength: 25 },
    ),
    hidden: fc.array(fc.nat(30), { maxLength: 4 }),
    formats: fc.array(
      fc.record({ row: fc.nat(30), column: fc.nat(18), numberFormat: fc.constantFrom('0.00%', '"€" #,##0.00', '@', 'd-m-yyyy', '#,##0'), bold: fc.boolean() }),
      { maxLength: 6 },
    ),
    tariffs: fc.option(fc.array(fc.tuple(fc.constantFrom(...CODES), scalar), { maxLength: 8 }), { nil: undefined }),
  })
  .map((g) => {
    // columns: the fields and other headers, shuffled by the seed
    const columns = [
      ...['prestatiecode', ...g.fields].map((f) => ({ field: f, header: g.headers[f] })),
      ...g.others.map((h) => ({ field: undefined, header: h })),
    ];
    let s = g.seed;
    for (let i = columns.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const j = s % (i + 1);
      [columns[i], columns[j]] = [columns[j], columns[i]];
    }
    const rows: SpecValue[][] = [...g.titleRows.map((r) => [...r])];
    const headerRow = rows.length;
    rows.push([...Array(g.leftPad).fill(null), ...columns.map((c) => c.header)]);
    for (const r of g.rows) rows.push(r === 'empty' ? [] : [...Array(g.leftPad).fill(null), ...r.slice(0, columns.length)]);
    const styles: SpecCell[] = g.formats.filter((f) => f.row < rows.length);
    const data: SheetSpec = { rows, styles, hidden: g.hidden.filter((r) => r < rows.length) };
    const spec: WorkbookSpec = { [g.sheet]: data };
    if (g.tariffs) spec['NZa tarieven'] = { rows: [['Prestatiecode', 'NZa maximumtarief'], ...g.tariffs.map(([c, v]) => [c, v])] };
    return { spec, sheet: g.sheet, headerRow };
  });
