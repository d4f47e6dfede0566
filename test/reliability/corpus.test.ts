/**
 * The corpus of bad input (see corpus.ts and docs/problemen-oplossen.md): every kind with its asserted
 * Dutch outcome. Workbook kinds run on both adapters; the others (files, CLI, packs, parameters, a sheet of
 * 1,048,576 rows) have their own tests below.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CellValue } from '../../src/domain/parse';
import { resolveParameters, validatePack } from '../../src/domain/policy/load';
import { getPack } from '../../src/policies';
import { annotateWorkbook, type AnnotateOutcome } from '../../src/workbook/jobs/annotate';
import { InputError } from '../../src/workbook/errors';
import { columnLetter, OUTPUT_HEADERS } from '../../src/workbook/headers';
import { OfficeWorkbook } from '../../src/workbook/office/adapter';
import { BridgedXlsx as XlsxWorkbook } from '../workbook/xlsx-bridge';

/** The letter of the last own column when the first is at 0-based column `first` (one per OUTPUT_HEADERS). */
const lastOwnColumn = (first: number) => columnLetter(first + OUTPUT_HEADERS.length - 1);
import { FakeExcel, fakeContext } from '../../src/demo-host/fake-excel';
import { codesAt, messagesAt, rowAt, type Kind, type WorkbookKind } from './corpus';
import { buildXlsx, subjects, type SpecValue, type WorkbookSpec } from './workbooks';
import { runCli } from '../cli/run';

const now = new Date('2026-11-24T12:00:00Z');
const PACKS = {
  'zk-ggz-2025': { pack: getPack('zk-ggz-2025')!, params: resolveParameters(getPack('zk-ggz-2025')!, { richttarief: '97,3' }).values },
  'dsw-vv-2024': { pack: getPack('dsw-vv-2024')!, params: resolveParameters(getPack('dsw-vv-2024')!, {}).values },
};

const GGZ_HEADER = ['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief'];
/** A GGZ sheet: header on row 1, then these rows (the good row Z1105 × € 300 gives 99,3% and € 297,90). */
function ggz(...rows: SpecValue[][]): WorkbookSpec {
  return { Aanbieders: { rows: [GGZ_HEADER, ...rows] } };
}
/** A GGZ row; Z1105 needs its zorgprofiel and leveringsvorm to be determined. */
function row(code: SpecValue, max: SpecValue, name: SpecValue = 'Zorg Noord', agb = '73730001'): SpecValue[] {
  return code === 'Z1105' ? [agb, name, code, 'GGZ-W5', 'Verblijf', max] : [agb, name, code, null, null, max];
}
const GOOD: SpecValue[] = row('Z1105', 300);
/** A GGZ row with any code and the columns of the good row (GGZ-W5, Verblijf): enough to price it, were the code readable. */
function withColumns(code: SpecValue, max: SpecValue): SpecValue[] {
  return ['73730001', 'Zorg Noord', code, 'GGZ-W5', 'Verblijf', max];
}

/** A code that must give a fout and no tariff, even with zorgprofiel and leveringsvorm filled. */
function codeKind(id: string, title: string, code: SpecValue, flag: string, message: RegExp): WorkbookKind {
  return {
    id,
    area: 'code',
    title,
    type: 'werkmap',
    spec: ggz(withColumns(code, 300)),
    expect: (r) => {
      const res = rowAt(ok(r), 2);
      expect(res.tarief).toBeUndefined();
      expect(res.percentage).toBeUndefined();
      expect(res.flags.filter((f) => f.severity === 'fout').map((f) => f.code)).toEqual([flag]);
      expect(messagesAt(r.outcome, 2)).toMatch(message);
      expect(messagesAt(r.outcome, 2).length).toBeLessThan(1000);
    },
  };
}

const DSW_HEADER = ['AGB-code', 'Zorgaanbieder', 'Prestatiecode', 'NZa maximumtarief', 'Tariefpercentage vorig jaar', 'Monitoruitkomst'];
/** A DSW V&V row with last year's percentage and monitor outcome 0: the percentage is last year's (≤ 97,5). */
function dsw(percentage: SpecValue, max: SpecValue = 200): WorkbookSpec {
  return { DSW: { rows: [DSW_HEADER, ['01234567', 'Zorg Noord', 'Z061', max, percentage, 0]] } };
}

const num = (d: { toNumber(): number } | undefined) => d?.toNumber();

function ok(r: { outcome?: AnnotateOutcome; error?: string }): AnnotateOutcome {
  if (!r.outcome) throw new Error(`verwacht een uitkomst, kreeg: ${r.error}`);
  return r.outcome;
}

function percentageKind(id: string, title: string, value: SpecValue, points: number, interpreted: boolean): WorkbookKind {
  return {
    id,
    area: 'percentage',
    title,
    type: 'werkmap',
    pack: 'dsw-vv-2024',
    spec: dsw(value),
    expect: (r) => {
      const row = rowAt(ok(r), 2);
      expect(num(row.percentage)).toBeCloseTo(points, 10);
      expect(num(row.tarief)).toBeCloseTo((200 * points) / 100, 2);
      expect(row.flags.some((f) => f.code === 'WAARDE_GEINTERPRETEERD')).toBe(interpreted);
    },
  };
}

function tariffKind(id: string, title: string, value: SpecValue, max: number | undefined, flag?: string, message?: RegExp): WorkbookKind {
  return {
    id,
    area: 'tarief',
    title,
    type: 'werkmap',
    spec: ggz(row('Z1105', value)),
    expect: (r) => {
      const row = rowAt(ok(r), 2);
      if (max !== undefined && max > 0) expect(num(row.maximumtarief)).toBe(max);
      if (max !== undefined && max > 0) expect(num(row.tarief)).toBeCloseTo(max * 0.993, 2);
      else expect(row.tarief).toBeUndefined();
      if (flag) expect(codesAt(r.outcome, 2)).toContain(flag);
      if (message) expect(messagesAt(r.outcome, 2)).toMatch(message);
    },
  };
}

export const CORPUS: Kind[] = [
  // ── kopregel en kolommen ──
  {
    id: 'geen-kopregel',
    area: 'kopregel',
    title: 'Geen kopregel: alleen gegevens, geen rij met kolomnamen',
    type: 'werkmap',
    spec: { Blad1: { rows: [GOOD] } },
    expect: (r) => expect(r.error).toMatch(/Geen blad met een kopregel gevonden.*"Prestatiecode"/),
  },
  {
    id: 'kopregel-te-laag',
    area: 'kopregel',
    title: 'De kopregel staat onder rij 20',
    type: 'werkmap',
    sheet: 'Aanbieders',
    spec: { Aanbieders: { rows: [...Array.from({ length: 22 }, (_, i) => [`toelichting ${i + 1}`]), GGZ_HEADER, GOOD] } },
    expect: (r) => expect(r.error).toMatch(/Blad "Aanbieders": Geen kopregel gevonden in de eerste 20 rijen/),
  },
  {
    id: 'twee-kopregels',
    area: 'kopregel',
    title: 'Twee rijen lijken een kopregel',
    type: 'werkmap',
    spec: {
      Aanbieders: {
        rows: [
          ['Prestatiecode', 'NZa maximumtarief'],
          ['Prestatiecode', 'NZa maximumtarief'],
          ['Z1007', 412.18],
        ],
      },
    },
    expect: (r) => {
      expect(ok(r).warnings.join('\n')).toMatch(/Rij 2 lijkt ook een kopregel; rij 1 is gebruikt/);
      expect(ok(r).headerRow).toBe(0);
      // the repeated header is then a data row whose "code" (the word Prestatiecode) is no code
      expect(codesAt(r.outcome, 2)).toContain('PRESTATIECODE_ONGELDIG');
    },
  },
  {
    id: 'dubbele-kolom',
    area: 'kopregel',
    title: 'Twee kolommen met dezelfde naam (twee keer Prestatiecode)',
    type: 'werkmap',
    spec: {
      Aanbieders: {
        rows: [
          ['Prestatiecode', 'NZa maximumtarief', 'prestatie code'],
          ['Z1007', 300, 'X9999'],
        ],
      },
    },
    expect: (r) => {
      expect(ok(r).warnings.join('\n')).toMatch(/Kolom "prestatie code" is een tweede kolom voor Prestatiecode; de eerste \(kolom A\) wordt gebruikt/);
      expect(codesAt(r.outcome, 2)).not.toContain('ONBEKENDE_PRESTATIECODE');
    },
  },
  {
    id: 'samengevoegde-kopcellen',
    area: 'kopregel',
    title: 'Samengevoegde cellen in de kopregel (een titel over twee kolommen)',
    type: 'werkmap',
    xlsxOnly: true,
    spec: { Aanbieders: { rows: [['Overzicht'], GGZ_HEADER, GOOD], merges: ['A1:D1', 'F2:G2'] } },
    expect: (r) => {
      expect(ok(r).headerRow).toBe(1);
      expect(num(rowAt(r.outcome, 3).tarief)).toBe(297.9);
    },
  },
  {
    id: 'samengevoegd-rechts',
    area: 'kopregel',
    title: 'Lege samengevoegde cellen rechts van de gegevens (G1:J1, op de kopregel)',
    type: 'werkmap',
    spec: { Aanbieders: { rows: [GGZ_HEADER, GOOD], merges: ['G1:J1'] } },
    expect: (r) => {
      expect(ok(r).warnings.join('\n')).toMatch(
        new RegExp(`rechts van de gegevens zijn de cellen G1:J1 samengevoegd\\. .*staan in de kolommen K tot en met ${lastOwnColumn(10)}\\.`),
      );
      expect(num(rowAt(r.outcome, 2).tarief)).toBe(297.9);
    },
  },
  {
    id: 'verborgen-kolommen-rechts',
    area: 'kopregel',
    title: 'Verborgen kolommen rechts van de gegevens (G en H)',
    type: 'werkmap',
    spec: { Aanbieders: { rows: [GGZ_HEADER, GOOD], hiddenColumns: [6, 7] } },
    expect: (r) => {
      expect(ok(r).warnings.join('\n')).toMatch(
        new RegExp(`rechts van de gegevens zijn de kolommen G, H verborgen\\. .*staan in de kolommen I tot en met ${lastOwnColumn(8)}\\.`),
      );
    },
  },
  {
    id: 'alleen-kopregel',
    area: 'kopregel',
    title: 'Een kopregel zonder gegevensrijen',
    type: 'werkmap',
    spec: { Aanbieders: { rows: [GGZ_HEADER] } },
    expect: (r) => expect(ok(r).dataRows).toBe(0),
  },
  {
    id: 'bestaande-uitvoerkolom',
    area: 'kopregel',
    title: 'Een eigen kolom heet al zoals een uitvoerkolom ("Tariefwijzer tarief")',
    type: 'werkmap',
    spec: {
      Aanbieders: {
        rows: [
          [...GGZ_HEADER, 'Tariefwijzer tarief'],
          [...GOOD, 'mijn eigen tarief'],
        ],
      },
    },
    expect: (r) => {
      expect(ok(r).warnings.join('\n')).toMatch(/Losse Tariefwijzer-kolommen gevonden \(G\); de uitvoer komt in nieuwe kolommen vanaf H/);
      expect(num(rowAt(r.outcome, 2).tarief)).toBe(297.9);
    },
  },
  {
    id: 'onbekende-kolommen',
    area: 'kopregel',
    title: 'Kolommen die Tariefwijzer niet kent (eigen notities)',
    type: 'werkmap',
    spec: {
      Aanbieders: {
        rows: [
          [...GGZ_HEADER, 'Notitie inkoper', 'Kolom 🧾'],
          [...GOOD, 'bellen', '✓'],
        ],
      },
    },
    expect: (r) => expect(num(rowAt(ok(r), 2).tarief)).toBe(297.9),
  },
  {
    id: 'geen-tweede-kolom',
    area: 'kopregel',
    title: 'Alleen een kolom Prestatiecode, geen andere bekende kolom',
    type: 'werkmap',
    spec: {
      Aanbieders: {
        rows: [
          ['Prestatiecode', 'Opmerking'],
          ['Z1105', 'x'],
        ],
      },
    },
    expect: (r) => expect(r.error).toMatch(/minstens één andere bekende kolom/),
  },
  // ── prestatiecode ──
  {
    id: 'code-als-getal',
    area: 'code',
    title: 'Prestatiecode als getal (voorloopnullen verloren)',
    type: 'werkmap',
    spec: ggz(row(1105, 300)),
    expect: (r) => expect(messagesAt(ok(r), 2)).toMatch(/Prestatiecode stond als getal in de cel; voorloopnullen kunnen verloren zijn/),
  },
  {
    id: 'code-met-spaties',
    area: 'code',
    title: 'Prestatiecode met spaties of kleine letters (" z 1105 ")',
    type: 'werkmap',
    spec: ggz(['73730001', 'Zorg Noord', ' z 1105 ', 'GGZ-W5', 'Verblijf', 300]),
    expect: (r) => {
      expect(rowAt(ok(r), 2).prestatie?.code).toBe('Z1105');
      expect(num(rowAt(r.outcome, 2).tarief)).toBe(297.9);
    },
  },
  {
    id: 'onbekende-code',
    area: 'code',
    title: 'Een prestatiecode die niet in de NZa-lijst staat',
    type: 'werkmap',
    spec: ggz(row('X9999', 300)),
    expect: (r) => {
      expect(codesAt(ok(r), 2)).toContain('ONBEKENDE_PRESTATIECODE');
      expect(rowAt(r.outcome, 2).tarief).toBeUndefined();
    },
  },
  {
    id: 'lege-code',
    area: 'code',
    title: 'Een rij met gegevens maar zonder prestatiecode',
    type: 'werkmap',
    spec: ggz(row(null, 300)),
    expect: (r) => expect(codesAt(ok(r), 2)).toContain('GEEN_PRESTATIECODE'),
  },
  codeKind(
    'code-leeg-met-kolommen',
    'Geen prestatiecode, wel zorgprofiel en leveringsvorm',
    null,
    'GEEN_PRESTATIECODE',
    /Geen prestatiecode: de prestatie is niet te bepalen en er is geen tarief berekend, ook niet uit de kolommen/,
  ),
  codeKind(
    'code-datum',
    'Een datum als prestatiecode (Excel maakte er een datum van)',
    new Date(Date.UTC(2024, 0, 1)),
    'PRESTATIECODE_ONGELDIG',
    /bevat de datum 1-1-2024 in plaats van een code/,
  ),
  codeKind(
    'code-onbekende-letter',
    'Een code met een letter die geen code heeft ("Q123")',
    'Q123',
    'PRESTATIECODE_ONGELDIG',
    /"Q123" is geen prestatiecode: een Wlz-prestatiecode is een letter/,
  ),
  codeKind('code-dubbel', 'Twee codes in één cel ("Z043Z043")', 'Z043Z043', 'PRESTATIECODE_ONGELDIG', /"Z043Z043" is geen prestatiecode/),
  codeKind(
    'code-griekse-letter',
    'Een code met een Griekse letter die op een Z lijkt ("Ζ1105")',
    '\u03961105',
    'PRESTATIECODE_ONGELDIG',
    /lijkt op Z1105, maar bevat het teken "Ζ" \(U\+0396\), een Griekse of Cyrillische letter/,
  ),
  codeKind(
    'code-rommel',
    '40.000 tekens rommel als prestatiecode',
    'x#'.repeat(20_000),
    'PRESTATIECODE_ONGELDIG',
    /"X#X#X#X#X#X#X#X#X#X#… \(40\.000 tekens\)" is geen prestatiecode: het teken "#"/,
  ),
  {
    id: 'code-onzichtbare-tekens',
    area: 'code',
    title: 'Onzichtbare tekens in de code (spatie zonder breedte, vaste spatie, tab)',
    type: 'werkmap',
    spec: ggz(['73730001', 'Zorg Noord', 'Z1105\u200b', 'GGZ-W5', 'Verblijf', 300], ['73730002', 'Zorg Zuid', '\u00a0Z1105\t', 'GGZ-W5', 'Verblijf', 300]),
    expect: (r) => {
      for (const n of [2, 3]) {
        expect(rowAt(ok(r), n).prestatie?.code).toBe('Z1105');
        expect(num(rowAt(r.outcome, n).tarief)).toBe(297.9);
        expect(codesAt(r.outcome, n)).toContain('CODE_ONZICHTBARE_TEKENS');
      }
      expect(messagesAt(r.outcome, 2)).toMatch(/Prestatiecode Z1105 bevat onzichtbare tekens \(spatie zonder breedte \(U\+200B\)\); gelezen als Z1105/);
      expect(messagesAt(r.outcome, 3)).toMatch(/vaste spatie \(U\+00A0\), tab \(U\+0009\)/);
    },
  },
  {
    id: 'code-uit-kolommen',
    area: 'code',
    title: 'Een code van de goede vorm die niet in de lijst staat, met zorgprofiel en leveringsvorm',
    type: 'werkmap',
    spec: ggz(GOOD),
    expect: (r) => {
      expect(num(rowAt(ok(r), 2).tarief)).toBe(297.9);
      expect(rowAt(r.outcome, 2).flags.find((f) => f.code === 'PRESTATIE_UIT_KOLOMMEN')).toMatchObject({
        severity: 'waarschuwing',
        message:
          'Prestatiecode Z1105 staat niet in de prestatiecodelijst of het beleid; bepaald uit de kolommen Leveringsvorm ("Verblijf") en Zorgprofiel ("GGZ-W5").',
      });
    },
  },
  {
    id: 'code-als-formuletekst',
    area: 'code',
    title: 'Een code of naam die met =, +, - of @ begint ("=Z1105", "@Zorg")',
    type: 'werkmap',
    spec: ggz(row('=X9999', 300, '@Zorg')),
    expect: (r) => expect(messagesAt(ok(r), 2)).toMatch(/=X9999|X9999/),
  },
  {
    id: 'dubbele-regel',
    area: 'code',
    title: 'Dezelfde aanbieder en prestatie twee keer',
    type: 'werkmap',
    spec: ggz(GOOD, GOOD),
    expect: (r) => {
      expect(codesAt(ok(r), 2)).toContain('DUBBELE_REGEL');
      expect(messagesAt(r.outcome, 2)).toMatch(/ook voor in rij 3\./);
    },
  },
  // ── percentages ──
  percentageKind('percentage-fractie-komma', 'Percentage als fractie met komma ("0,955")', '0,955', 95.5, true),
  percentageKind('percentage-fractie-getal', 'Percentage als getal 0,955 (een cel met opmaak %)', 0.955, 95.5, true),
  percentageKind('percentage-punten-komma', 'Percentage als "95,5" (zonder %-teken)', '95,5', 95.5, false),
  percentageKind('percentage-punten-getal', 'Percentage als getal 95,5', 95.5, 95.5, false),
  percentageKind('percentage-teken-komma', 'Percentage als tekst "95,5%"', '95,5%', 95.5, false),
  percentageKind('percentage-teken-punt-spatie', 'Percentage als tekst "95.5 %" (Engelse notatie, spatie)', '95.5 %', 95.5, false),
  {
    id: 'percentage-tekst',
    area: 'percentage',
    title: 'Percentage in woorden ("vijfennegentig")',
    type: 'werkmap',
    pack: 'dsw-vv-2024',
    spec: dsw('vijfennegentig'),
    expect: (r) => expect(messagesAt(ok(r), 2)).toMatch(/Tariefpercentage vorig jaar: "vijfennegentig" is geen getal/),
  },
  // ── tarieven ──
  tariffKind('tarief-euro-nl', 'Tarief met € en duizendtalpunt ("€ 1.234,56")', '€ 1.234,56', 1234.56),
  tariffKind('tarief-euro-en', 'Tarief in Engelse notatie ("€1,234.56")', '€1,234.56', 1234.56),
  tariffKind('tarief-eur-achter', 'Tarief met "EUR" of € achteraan ("300 €")', '300 €', 300),
  tariffKind(
    'tarief-duizendtal-twijfel',
    'Tarief "1.234": duizendtal of decimaal?',
    '1.234',
    1234,
    'BEDRAG_TWEEDUIDIG',
    /gelezen als 1234 \(punt als duizendtalscheiding\)/,
  ),
  tariffKind(
    'tarief-komma-twijfel',
    'Tarief "254,675": decimaal of duizendtal?',
    '254,675',
    254.675,
    'BEDRAG_TWEEDUIDIG',
    /gelezen als 254,675 \(komma als decimaalteken\); bedoelde u 254675/,
  ),
  tariffKind(
    'tarief-komma-klein',
    'Tarief "1,234": decimaal of duizendtal?',
    '1,234',
    1.234,
    'BEDRAG_TWEEDUIDIG',
    /gelezen als 1,234 \(komma als decimaalteken\)/,
  ),
  tariffKind('tarief-nul-cent', 'Een maximumtarief dat € 0,00 geeft (0,0000001)', '0,0000001', undefined, 'TARIEF_NUL', /komt op € 0,00 uit/),
  tariffKind(
    'tarief-400-cijfers',
    'Een maximumtarief van 400 cijfers',
    '9'.repeat(400),
    undefined,
    'MAXIMUMTARIEF_TE_GROOT',
    /is te groot: Excel bewaart 15 cijfers/,
  ),
  tariffKind('tarief-hoog', 'Een ongewoon hoog maximumtarief (€ 150.000)', 150_000, 150_000, 'MAXIMUMTARIEF_HOOG', /is ongewoon hoog/),
  tariffKind('tarief-negatief', 'Negatief NZa-maximumtarief', -300, -300, 'MAXIMUMTARIEF_ONGELDIG', /is niet positief/),
  tariffKind('tarief-nul', 'NZa-maximumtarief 0', 0, 0, 'MAXIMUMTARIEF_ONGELDIG', /is niet positief/),
  tariffKind('tarief-enorm', 'Een enorm tarief (1e15)', 1e15, undefined, 'MAXIMUMTARIEF_TE_GROOT', /te groot/),
  tariffKind(
    'tarief-onleesbaar',
    'Tarief dat geen getal is ("12,3,4")',
    '12,3,4',
    undefined,
    'MAXIMUMTARIEF_ONLEESBAAR',
    /onleesbaar \("12,3,4" is geen getal\)/,
  ),
  tariffKind(
    'tarief-als-percentage',
    'Een percentage in de tariefkolom ("95%")',
    '95%',
    undefined,
    'MAXIMUMTARIEF_ONLEESBAAR',
    /is een percentage, geen bedrag/,
  ),
  tariffKind(
    'tarief-als-datum',
    'Een datum in de tariefkolom',
    new Date(Date.UTC(2025, 0, 1)),
    undefined,
    'MAXIMUMTARIEF_ONLEESBAAR',
    /datum in plaats van een getal/,
  ),
  tariffKind(
    'tarief-ontbreekt',
    'Geen NZa-maximumtarief in rij of tarieventabel',
    null,
    undefined,
    'MAXIMUMTARIEF_ONTBREEKT',
    /het percentage is berekend, het tarief niet/,
  ),
  // ── foutwaarden en formules ──
  tariffKind('fout-nb', 'Foutwaarde #N/A (#N/B) in de invoer', { error: '#N/A' }, undefined, 'MAXIMUMTARIEF_ONLEESBAAR', /foutwaarde #N\/A/),
  tariffKind('fout-deel0', 'Foutwaarde #DIV/0! (#DEEL/0!) in de invoer', { error: '#DIV/0!' }, undefined, 'MAXIMUMTARIEF_ONLEESBAAR', /foutwaarde #DIV\/0!/),
  {
    id: 'fout-verw',
    area: 'foutwaarde',
    title: 'Foutwaarde #REF! (#VERW!) als prestatiecode, met zorgprofiel en leveringsvorm',
    type: 'werkmap',
    spec: ggz(...['#REF!', '#NAME?', '#NUM!', '#CALC!'].map((error) => withColumns({ error }, 300))),
    expect: (r) => {
      for (const n of [2, 3, 4, 5]) {
        expect(codesAt(ok(r), n)).toEqual(['PRESTATIECODE_FOUTWAARDE']);
        expect(rowAt(r.outcome, n).tarief).toBeUndefined();
      }
      expect(messagesAt(r.outcome, 5)).toMatch(/De cel prestatiecode bevat de foutwaarde #CALC!: de code is niet te lezen en er is geen tarief berekend/);
    },
  },
  tariffKind('formule-in-invoer', 'Een formule in de invoer (=A1*2): de berekende waarde telt', { formula: 'B9*2', result: 300 }, 300),
  {
    id: 'formule-zonder-waarde',
    area: 'foutwaarde',
    title: 'Een formule zonder berekende waarde (bestand uit een programma dat niet rekent)',
    type: 'werkmap',
    xlsxOnly: true,
    spec: ggz(row('Z1105', null)),
    expect: (r) => {
      expect(codesAt(ok(r), 2)).toContain('MAXIMUMTARIEF_ONLEESBAAR');
      expect(messagesAt(r.outcome, 2)).toMatch(/cel is onleesbaar \(formule zonder berekende waarde\)/);
    },
  },
  // ── andere kolommen ──
  {
    id: 'datum-als-tekst',
    area: 'rijen',
    title: 'Een jaar of datum als tekst ("1-1-2025" als inkoopjaar)',
    type: 'werkmap',
    spec: {
      Aanbieders: {
        rows: [
          [...GGZ_HEADER, 'Inkoopjaar'],
          [...GOOD, '1-1-2025'],
        ],
      },
    },
    expect: (r) => expect(messagesAt(ok(r), 2)).toMatch(/Inkoopjaar: "1-1-2025" is geen getal/),
  },
  {
    id: 'ja-nee-onleesbaar',
    area: 'rijen',
    title: 'Ja/nee-kolom met iets anders ("misschien")',
    type: 'werkmap',
    pack: 'dsw-vv-2024',
    spec: {
      DSW: {
        rows: [
          [...DSW_HEADER, 'Nieuwe aanbieder'],
          ['01234567', 'Zorg Noord', 'Z061', 200, '95,5%', 0, 'misschien'],
        ],
      },
    },
    expect: (r) => expect(messagesAt(ok(r), 2)).toMatch(/"misschien" is geen ja\/nee-waarde \(gebruik ja, nee of x\)/),
  },
  {
    id: 'unicode-en-html',
    area: 'rijen',
    title: 'Namen met accenten, emoji, andere schriften of HTML',
    type: 'werkmap',
    spec: ggz(row('Z1105', 300, 'Zorg 🏥 „Ûtrecht” 中文 <script>alert(1)</script>')),
    expect: (r) => expect(num(rowAt(ok(r), 2).tarief)).toBe(297.9),
  },
  // ── rijen ──
  {
    id: 'lege-rijen',
    area: 'rijen',
    title: 'Lege rijen tussen de gegevens',
    type: 'werkmap',
    spec: ggz(GOOD, [], [], row('Z1105', 300, 'Zorg Zuid', '73730002')),
    expect: (r) => {
      expect(ok(r).dataRows).toBe(2);
      expect(num(rowAt(r.outcome, 5).tarief)).toBe(297.9);
    },
  },
  {
    id: 'verborgen-rijen',
    area: 'rijen',
    title: 'Verborgen rijen: worden ook berekend',
    type: 'werkmap',
    xlsxOnly: true,
    spec: { Aanbieders: { rows: [GGZ_HEADER, GOOD, row('Z1105', 300, 'Zorg Zuid', '73730002')], hidden: [1] } },
    expect: (r) => expect(ok(r).dataRows).toBe(2),
  },
  {
    id: 'gefilterde-rijen',
    area: 'rijen',
    title: 'Een filter staat aan (rijen weggefilterd): alle rijen worden berekend',
    type: 'werkmap',
    xlsxOnly: true,
    spec: { Aanbieders: { rows: [GGZ_HEADER, GOOD, row('Z1007', 300, 'Zorg Zuid', '73730002')], hidden: [2], autoFilter: 'A1:F3' } },
    expect: (r) => {
      expect(ok(r).dataRows).toBe(2);
      expect(num(rowAt(r.outcome, 3).tarief)).toBeGreaterThan(0);
    },
  },
  {
    id: 'samengevoegde-cellen',
    area: 'rijen',
    title: 'Samengevoegde cellen in de gegevens (één code over twee rijen)',
    type: 'werkmap',
    xlsxOnly: true,
    spec: { Aanbieders: { rows: [GGZ_HEADER, GOOD, ['73730002', 'Zorg Zuid', null, 'GGZ-W5', 'Verblijf', 300]], merges: ['C2:C3'] } },
    expect: (r) => {
      expect(ok(r).dataRows).toBe(2);
      // exceljs gives the merged cell's value to every cell of the area (Excel shows it once)
      expect(rowAt(r.outcome, 3).prestatie?.code).toBe('Z1105');
    },
  },
  {
    id: 'totaalrij',
    area: 'rijen',
    title: 'Een Excel-tabel met een totaalrij',
    type: 'werkmap',
    spec: {
      Aanbieders: {
        rows: [GGZ_HEADER, GOOD, row('Z1105', 310, 'Zorg Zuid', '73730002'), ['Totaal', null, null, null, null, 610]],
        tables: [{ name: 'Aanbieders2025', ref: 'A1:F4', totals: true }],
      },
    },
    expect: (r) => {
      expect(ok(r).dataRows).toBe(2);
      expect(r.outcome!.run.results.map((x) => x.ref)).toEqual(['Aanbieders!2', 'Aanbieders!3']);
      expect(ok(r).warnings.join('\n')).toMatch(/rij 4 is de totaalrij van een Excel-tabel en is niet als gegevens gelezen/);
    },
  },
  // ── werkmap ──
  {
    id: 'verborgen-oud-blad',
    area: 'werkmap',
    title: 'Een verborgen oud blad met dezelfde kopregel vóór het zichtbare blad',
    type: 'werkmap',
    spec: { 'Aanbieders 2024': { rows: [GGZ_HEADER, row('Z1105', 250)], visibility: 'hidden' }, Aanbieders: { rows: [GGZ_HEADER, GOOD] } },
    expect: (r) => {
      expect(ok(r).sheet).toBe('Aanbieders');
      expect(num(rowAt(r.outcome, 2).tarief)).toBe(297.9);
      expect(ok(r).warnings.join('\n')).toMatch(/Verborgen blad "Aanbieders 2024" heeft ook een kopregel; het zichtbare blad "Aanbieders" is gebruikt/);
    },
  },
  {
    id: 'alleen-verborgen-blad',
    area: 'werkmap',
    title: 'De gegevens staan alleen op een verborgen blad',
    type: 'werkmap',
    spec: { Toelichting: { rows: [['Zie het andere blad']] }, Gegevens: { rows: [GGZ_HEADER, GOOD], visibility: 'veryHidden' } },
    expect: (r) => {
      expect(ok(r).sheet).toBe('Gegevens');
      expect(num(rowAt(r.outcome, 2).tarief)).toBe(297.9);
      expect(ok(r).warnings.join('\n')).toMatch(
        /Blad "Gegevens" is verborgen; het is gebruikt omdat geen zichtbaar blad een kopregel met "Prestatiecode" heeft/,
      );
    },
  },
  {
    id: 'beveiligd-blad',
    area: 'werkmap',
    title: 'Het blad is beveiligd',
    type: 'werkmap',
    spec: { Aanbieders: { rows: [GGZ_HEADER, GOOD], protected: true } },
    expect: (r) => expect(r.error).toMatch(/Blad "Aanbieders" is beveiligd.*er is niets gewijzigd/),
  },
  {
    id: 'eigen-blad-tariefwijzer',
    area: 'werkmap',
    title: 'Een eigen blad heet al "Tariefwijzer"',
    type: 'werkmap',
    spec: { ...ggz(GOOD), Tariefwijzer: { rows: [['Mijn aantekeningen over de tariefwijzer'], ['bel DSW']] } },
    expect: (r) => expect(r.error).toMatch(/Er is al een blad "Tariefwijzer" dat niet door Tariefwijzer is gemaakt.*andere naam.*niets gewijzigd/),
  },
  {
    id: 'lege-werkmap',
    area: 'werkmap',
    title: 'Een werkmap zonder bladen',
    type: 'werkmap',
    spec: {},
    expect: (r) => expect(r.error).toBe('De werkmap heeft geen bladen.'),
  },
  {
    id: 'leeg-blad',
    area: 'werkmap',
    title: 'Een werkmap met alleen een leeg blad',
    type: 'werkmap',
    spec: { Blad1: { rows: [] } },
    expect: (r) => expect(r.error).toMatch(/Geen blad met een kopregel gevonden.*Bladen: Blad1/),
  },
  {
    id: 'onbekend-blad',
    area: 'werkmap',
    title: 'Een blad kiezen dat niet bestaat (--sheet)',
    type: 'werkmap',
    sheet: 'Blad9',
    spec: ggz(GOOD),
    expect: (r) => expect(r.error).toMatch(/Blad "Blad9" bestaat niet. Bladen in dit bestand: Aanbieders/),
  },
  {
    id: 'tarieventabel-dubbel',
    area: 'werkmap',
    title: 'Een code staat twee keer in de NZa-tarieventabel',
    type: 'werkmap',
    spec: {
      ...ggz(row('Z1007', null)),
      'NZa tarieven': {
        rows: [
          ['Prestatiecode', 'NZa maximumtarief'],
          ['Z1007', 412.18],
          ['z 1007', 1],
        ],
      },
    },
    expect: (r) => {
      expect(ok(r).warnings.join('\n')).toMatch(/code Z1007 staat er meer dan eens in; de eerste is gebruikt/);
      expect(num(rowAt(r.outcome, 2).maximumtarief)).toBe(412.18);
    },
  },
  {
    id: 'tarieventabel-zonder-kolommen',
    area: 'werkmap',
    title: 'Een blad "NZa tarieven" zonder de kolommen Prestatiecode en NZa maximumtarief',
    type: 'werkmap',
    spec: {
      ...ggz(GOOD),
      'NZa tarieven': {
        rows: [
          ['Code', 'Bedrag'],
          ['Z1007', 412.18],
        ],
      },
    },
    expect: (r) =>
      expect(ok(r).warnings.join('\n')).toMatch(/lijkt een tarieventabel, maar heeft geen kolommen Prestatiecode en NZa maximumtarief; niet gebruikt/),
  },
  // ── checked by their own tests below ──
  { id: 'miljoen-rijen', area: 'werkmap', title: 'Een blad van 1.048.576 rijen (iets in de allerlaatste rij)', type: 'eigen' },
  { id: 'beschadigd-bestand', area: 'bestand', title: 'Een beschadigd .xlsx-bestand', type: 'eigen' },
  { id: 'leeg-bestand', area: 'bestand', title: 'Een leeg bestand (0 bytes) met .xlsx', type: 'eigen' },
  { id: 'wachtwoord-bestand', area: 'bestand', title: 'Een .xlsx met wachtwoord (versleuteld) of een oud .xls', type: 'eigen' },
  { id: 'csv-bestand', area: 'bestand', title: 'Een CSV-bestand in plaats van .xlsx', type: 'eigen' },
  { id: 'bestand-ontbreekt', area: 'bestand', title: 'Het invoerbestand bestaat niet', type: 'eigen' },
  { id: 'uitvoer-onschrijfbaar', area: 'bestand', title: 'De uitvoer kan niet worden geschreven (map bestaat niet, schijf vol)', type: 'eigen' },
  { id: 'uitvoer-is-invoer', area: 'bestand', title: 'Uitvoerbestand gelijk aan het invoerbestand', type: 'eigen' },
  { id: 'beleid-schema', area: 'beleid', title: 'Een beleidspakket dat niet aan het schema voldoet', type: 'eigen' },
  { id: 'parameter-tekst', area: 'beleid', title: 'Een parameter met tekst in plaats van een getal (richttarief=hoog)', type: 'eigen' },
  { id: 'parameter-onbekend', area: 'beleid', title: 'Een parameter die het beleid niet kent', type: 'eigen' },
  { id: 'parameter-zonder-waarde', area: 'beleid', title: '--set zonder "=waarde"', type: 'eigen' },
  { id: 'beleid-onbekend', area: 'beleid', title: 'Een beleid dat niet bestaat (--policy)', type: 'eigen' },
  // ── checked in test/cli/edges.test.ts, test/cli/cli.test.ts, test/cli/policy-messages.test.ts, test/policies/normalize.test.ts and years.test.ts ──
  { id: 'invoer-is-map', area: 'bestand', title: 'Een map in plaats van een bestand als invoer of beleid', type: 'eigen' },
  { id: 'uitvoer-via-koppeling', area: 'bestand', title: '--out is een snelkoppeling of tweede naam (harde koppeling) van de invoer', type: 'eigen' },
  { id: 'json-naar-pijp', area: 'bestand', title: '--json doorgegeven aan een ander programma (een pijp, |)', type: 'eigen' },
  { id: 'onbekende-optie', area: 'bestand', title: 'Een onbekende optie of een optie zonder waarde', type: 'eigen' },
  // ── checked in test/cli/damaged.test.ts, test/cli/interrupted.test.ts and test/workbook/zip.test.ts ──
  {
    id: 'omgevallen-bit',
    area: 'bestand',
    title: 'Eén omgevallen bit in een onderdeel (controlegetal klopt niet), of afgebroken gecomprimeerde gegevens',
    type: 'eigen',
  },
  { id: 'dubbel-onderdeel', area: 'bestand', title: 'Twee onderdelen met dezelfde naam in het zip-bestand', type: 'eigen' },
  { id: 'word-of-powerpoint', area: 'bestand', title: 'Een Word-document of PowerPoint-presentatie (.docx, .pptx) in plaats van een werkmap', type: 'eigen' },
  { id: 'gewone-zip', area: 'bestand', title: 'Een gewoon zip-bestand zonder werkmap', type: 'eigen' },
  { id: 'afgebroken-schrijven', area: 'bestand', title: 'Tariefwijzer afgebroken (kill -9, stroom weg) tijdens het schrijven', type: 'eigen' },
  { id: 'parameter-prototypenaam', area: 'beleid', title: '--set constructor=1, toString=1 of __proto__=1', type: 'eigen' },
  { id: 'beleid-yaml-bom', area: 'beleid', title: 'Een YAML-bestand met een verwijzingsbom (aliassen die elkaar herhalen)', type: 'eigen' },
  { id: 'beleid-te-groot', area: 'beleid', title: 'Een beleidsbestand van 200 MB of met een miljoen regels', type: 'eigen' },
  { id: 'beleid-inspringing', area: 'beleid', title: 'Verkeerde inspringing in YAML', type: 'eigen' },
  { id: 'beleid-decimale-komma', area: 'beleid', title: '95,8 zonder aanhalingstekens tussen accolades', type: 'eigen' },
  { id: 'beleid-onbekende-bron', area: 'beleid', title: 'Een bron (source.document) die niet onder sources staat', type: 'eigen' },
  { id: 'beleid-schrijfwijze', area: 'beleid', title: 'Waarden zoals het beleid ze schrijft ("3ZG Aud", "VG7", "Verblijf", ja)', type: 'eigen' },
  { id: 'beleid-onmogelijke-waarde', area: 'beleid', title: 'Een waarde in een voorwaarde die geen rij kan hebben ("3ZG Oud")', type: 'eigen' },
  { id: 'beleid-jaar-buiten-beleid', area: 'beleid', title: 'Een jaar in perJaar, jaren of --set naam@jaar dat niet bij het beleid hoort', type: 'eigen' },
  { id: 'beleid-reeks-prestatiecodes', area: 'beleid', title: 'Een reeks ("Z975–Z977") of een onmogelijke code ("Q975") als prestatiecode', type: 'eigen' },
  { id: 'parameter-leeg', area: 'beleid', title: '--set richttarief= (zonder waarde), ook --vergelijk-set', type: 'eigen' },
  { id: 'inkoopjaar-leeg', area: 'rijen', title: 'Een lege cel Inkoopjaar bij een beleid voor meer jaren', type: 'eigen' },
  { id: 'inkoopjaar-buiten-beleid', area: 'rijen', title: 'Een rij van een jaar buiten het beleid (2027 bij 2024–2026)', type: 'eigen' },
];

test('the corpus has at least 40 kinds with unique ids', () => {
  const ids = CORPUS.map((k) => k.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBeGreaterThanOrEqual(40);
});

test('docs/problemen-oplossen.md lists every kind of the corpus', () => {
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/problemen-oplossen.md'), 'utf8');
  const missing = CORPUS.filter((k) => !doc.includes(`\`${k.id}\``)).map((k) => k.id);
  expect(missing).toEqual([]);
});

/** A formula without a cached result is what exceljs itself writes, and programs that do not calculate. */
function withoutCachedResult(spec: WorkbookSpec): XlsxWorkbook {
  const wb = buildXlsx(spec);
  wb.workbook.getWorksheet('Aanbieders')!.getCell('F2').value = { formula: 'B9*2' };
  return wb;
}

describe.each(CORPUS.filter((k): k is WorkbookKind => k.type === 'werkmap').map((k) => [k.id, k] as const))('%s', (id, kind) => {
  const { pack, params } = PACKS[kind.pack ?? 'zk-ggz-2025'];
  const all = subjects(kind.spec);
  for (const s of kind.xlsxOnly ? all.filter((x) => x.name === 'exceljs') : all) {
    test(`${s.name}: ${kind.title}`, async () => {
      const port = id === 'formule-zonder-waarde' ? withoutCachedResult(kind.spec) : s.port();
      const before = s.allCells();
      let outcome: AnnotateOutcome | undefined;
      let error: string | undefined;
      try {
        outcome = await annotateWorkbook(port, pack, params, { now, sheet: kind.sheet });
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        error = e.message;
      }
      kind.expect({ outcome, error, adapter: s.name });
      // an input error writes nothing
      if (error) expect(s.allCells()).toBe(before);
    });
  }
});

describe('kinds with their own tests', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-corpus-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function input(): Promise<string> {
    const file = path.join(dir, 'invoer.xlsx');
    await buildXlsx(ggz(GOOD)).save(file);
    return file;
  }

  const POLICY = ['--policy', 'zk-ggz-2025', '--set', 'richttarief=97,3'];

  test.each([
    ['beschadigd-bestand', (f: string) => fs.writeFileSync(f, 'PK\u0003\u0004 dit is geen werkmap'), /geen leesbaar \.xlsx-bestand/],
    ['leeg-bestand', (f: string) => fs.writeFileSync(f, ''), /geen leesbaar \.xlsx-bestand/],
    // an encrypted .xlsx (and an old .xls) is an OLE compound file, not a zip: it starts with D0 CF 11 E0
    [
      'wachtwoord-bestand',
      (f: string) => fs.writeFileSync(f, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)])),
      /met een wachtwoord beveiligd.*oud Excel-bestand \(\.xls\)/,
    ],
    ['csv-bestand', (f: string) => fs.writeFileSync(f, 'Prestatiecode;NZa maximumtarief\nZ1105;300\n'), /geen leesbaar \.xlsx-bestand/],
  ])('%s: a Dutch error, exit 1, nothing written', async (_id, make, message) => {
    const file = path.join(dir, 'invoer.xlsx');
    make(file);
    const r = await runCli('annotate', file, ...POLICY);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(fs.readdirSync(dir)).toEqual(['invoer.xlsx']);
  });

  test('bestand-ontbreekt, uitvoer-onschrijfbaar, uitvoer-is-invoer', async () => {
    expect((await runCli('annotate', path.join(dir, 'weg.xlsx'), ...POLICY)).err).toMatch(/Bestand niet gevonden/);
    const file = await input();
    const r = await runCli('annotate', file, ...POLICY, '--out', path.join(dir, 'bestaat-niet', 'uit.xlsx'));
    expect(r).toMatchObject({ code: 1, err: expect.stringMatching(/kon niet worden geschreven.*niet gewijzigd/) });
    expect((await runCli('annotate', file, ...POLICY, '--out', file)).err).toMatch(/mag niet het invoerbestand zijn/);
    expect(fs.readdirSync(dir)).toEqual(['invoer.xlsx']);
  });

  test('parameter-tekst, parameter-onbekend, parameter-zonder-waarde, beleid-onbekend', async () => {
    const file = await input();
    expect(await runCli('annotate', file, '--policy', 'zk-ggz-2025', '--set', 'richttarief=hoog')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/"hoog" is geen getal/),
    });
    expect(await runCli('annotate', file, ...POLICY, '--set', 'kortingsfactor=3')).toMatchObject({ code: 1, err: expect.stringMatching(/kortingsfactor/) });
    expect(await runCli('annotate', file, ...POLICY, '--set', 'richttarief')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--set verwacht naam=waarde/),
    });
    expect(await runCli('annotate', file, '--policy', 'zk-ggz-2099')).toMatchObject({ code: 2, err: expect.stringMatching(/Onbekend beleid "zk-ggz-2099"/) });
    expect(fs.readdirSync(dir)).toEqual(['invoer.xlsx']);
  });

  test('beleid-schema: a pack that fails its schema is refused with Dutch messages naming the place', () => {
    const good = JSON.parse(JSON.stringify(getPack('zk-ggz-2025')));
    expect(validatePack(good).errors).toEqual([]);
    const broken = { ...good, version: 7, rules: [{ ...good.rules[0], effect: { add: 'veel' } }] };
    delete broken.title;
    const { pack, errors } = validatePack(broken);
    expect(pack).toBeUndefined();
    expect(errors.length).toBeGreaterThan(0);
    const text = errors.map((e) => `${e.place}: ${e.message}`).join('\n');
    expect(text).toMatch(/title/);
    expect(text).toMatch(/version/);
    // Dutch, not ajv's English
    expect(text).not.toMatch(/must have required property|must be string/);
  });

  /**
   * A value in the very last row (1,048,576) makes the used range that tall. Both adapters handle it: the
   * data rows are computed and nothing else changes. Only the data rows get output (before the fix: 4 million empty cells, 81 s and 1.3 GB on the
   * fake host). Measured on the shared machine: about 13 s for both, mostly reading the tall used range.
   */
  test('miljoen-rijen: a sheet of 1,048,576 rows', async () => {
    const LAST = 1_048_576;
    const { pack, params } = PACKS['zk-ggz-2025'];
    // 'einde' in column G (no input field) on the last row; the output goes to H:K
    const fake = FakeExcel.from({ Aanbieders: [GGZ_HEADER, GOOD] as never });
    Object.assign(fake.sheet('Aanbieders')!.ensure(LAST - 1, 6), { value: 'einde', type: 'String' });
    let t = Date.now();
    const out = await annotateWorkbook(new OfficeWorkbook(fakeContext(fake)), pack, params, { now });
    const officeMs = Date.now() - t;
    expect(out.dataRows).toBe(1);
    expect(fake.sheet('Aanbieders')!.cell(1, 8)?.value).toBe(297.9);
    // only the data rows are written, not a million empty ones
    expect(fake.sheet('Aanbieders')!.cell(2, 8)).toBeUndefined();
    expect(fake.syncCount).toBeLessThanOrEqual(5 + Math.ceil(LAST / 10_000));
    expect(fake.maxRequest).toBeLessThanOrEqual(5 * 1024 * 1024);
    const wb = buildXlsx(ggz(GOOD));
    wb.workbook.getWorksheet('Aanbieders')!.getCell(LAST, 7).value = 'einde';
    t = Date.now();
    const x = await annotateWorkbook(wb, pack, params, { now });
    const xlsxMs = Date.now() - t;
    expect(x.dataRows).toBe(1);
    expect(wb.workbook.getWorksheet('Aanbieders')!.getCell(2, 9).value).toBe(297.9);
    expect(wb.workbook.getWorksheet('Aanbieders')!.rowCount).toBe(LAST);
    // a second run knows from the metadata sheet how far the output went
    await annotateWorkbook(wb, pack, params, { now });
    expect(wb.workbook.getWorksheet('Aanbieders')!.getCell(2, 9).value).toBe(297.9);
    console.log(`1,048,576 rows: office.js ${officeMs} ms (${fake.syncCount} syncs), exceljs ${xlsxMs} ms`);
  }, 120_000);
});

export type { CellValue };
