#!/usr/bin/env node
/*
 * Writes examples/productie-2025-ggz.xlsx: twelve months of invented declarations (AW319-like) for a Zilveren
 * Kruis GGZ 2025 herschikking with `tariefwijzer herschik … --policy zk-ggz-2025`:
 *
 *   Productie 2025      AGB × prestatie × maand: aantal, gedeclareerd bedrag, goedgekeurd, crisisplaatsen
 *   Toezeggingen        toezeggingen (regionale ontwikkeling, complexe casuïstiek) and one tussentijdse afspraak
 *   Contracteerruimte   labelled cells "Contracteerruimte GGZ" and "Contracteerruimte V&V"
 *
 * Everything is invented: providers, AGB-codes, NZa maximumtarieven (VOORBEELDTARIEVEN), volumes and the
 * contracteerruimte. The GGZ-W codes Z1101–Z1105, V1103/V1105 are invented too (not in the 2019 code list),
 * so Zorgprofiel and Leveringsvorm are filled in. On purpose: a new provider (maatwerk), crisis places under
 * 70 %, a provider with a missing month, unapproved and negative rows, a growing provider (trend) and a
 * sectorvreemde V&V prestatie.
 *
 * Deterministic: no randomness, no clock; zip timestamps are fixed (as in make-examples.js).
 * Usage: node scripts/make-production-example.js [outDir]
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const ExcelJS = require('exceljs');
const { save } = require('./make-examples');

const ROOT = path.join(__dirname, '..');
const FILE = 'productie-2025-ggz.xlsx';
const FIXED_DATE = new Date(Date.UTC(2024, 0, 2, 9, 0, 0));
const MONEY = '#,##0.00';

/** Invented maximum tariffs (€ per unit). NOT real NZa tariffs. */
const TARIFFS = {
  Z1101: 171.9,
  Z1102: 189.35,
  Z1103: 228.45,
  Z1104: 254.7,
  Z1105: 312.45,
  V1103: 203.15,
  V1105: 287.1,
  H300: 71.2,
  Z1007: 96.8,
  Z1008: 142.6,
  Z043: 214.6,
};

/**
 * The tariefpercentage per code at the demo's richttarief of 96 % (zk-ggz-2025: W1/W2 verblijf −2, W5 and VPT/MPT +2
 * (not stacked), Z1007/Z1008 100 %, sectorvreemd V&V at 95,5 %, new providers 93,9 %), in tenths of a percent,
 * so the declared amounts match the computed ones — except where the example wants a difference.
 */
const PERCENT_X10 = { Z1101: 940, Z1102: 940, Z1103: 960, Z1104: 960, Z1105: 980, V1103: 980, V1105: 980, H300: 980, Z1007: 1000, Z1008: 1000, Z043: 955 };
const NEW_PROVIDER_X10 = 939;
/** Polderhof bills Z1008 in July at last year's price: a declared amount that differs. */
const OLD_PRICE = { agb: '74120235', code: 'Z1008', month: 7, percentX10: 973 };

/** [agb, naam, code, zorgprofiel, leveringsvorm, nieuw, base volume per month, growth per month, first month, crisisplaatsen] */
const LINES = [
  ['74120011', 'Stichting Kompas GGZ Wonen', 'Z1103', 'GGZ-W3', 'Verblijf', 'nee', 620, 0, 1, null],
  ['74120011', 'Stichting Kompas GGZ Wonen', 'Z1105', 'GGZ-W5', 'Verblijf', 'nee', 310, 0, 1, null],
  ['74120011', 'Stichting Kompas GGZ Wonen', 'V1105', 'GGZ-W5', 'VPT', 'nee', 150, 2, 1, null],
  ['04120128', 'GGZ Beschermd Wonen Eemland', 'Z1101', 'GGZ-W1', 'Verblijf', 'nee', 240, 0, 1, null],
  ['04120128', 'GGZ Beschermd Wonen Eemland', 'Z1102', 'GGZ-W2', 'Verblijf', 'nee', 300, -3, 1, null],
  ['04120128', 'GGZ Beschermd Wonen Eemland', 'H300', 'GGZ-W2', 'MPT', 'nee', 420, 0, 1, null],
  ['74120235', 'Forensisch Zorgcentrum Polderhof', 'Z1007', '', '', 'nee', 280, 12, 1, null],
  ['74120235', 'Forensisch Zorgcentrum Polderhof', 'Z1008', '', '', 'nee', 190, 10, 1, null],
  ['74120342', 'Woonzorg Het Anker', 'Z1104', 'GGZ-W4', 'Verblijf', 'nee', 410, 0, 1, null],
  ['74120342', 'Woonzorg Het Anker', 'Z043', '', 'Verblijf', 'nee', 90, 0, 1, null],
  ['74120459', 'Herstelhuis De Brug', 'Z1103', 'GGZ-W3', 'Verblijf', 'ja', 40, 15, 4, null],
  ['74120459', 'Herstelhuis De Brug', 'V1103', 'GGZ-W3', 'VPT', 'ja', 30, 10, 4, null],
  ['74120566', 'GGZ Crisiscentrum Midden', 'Z1102', 'GGZ-W2', 'Verblijf', 'nee', 200, 0, 1, 10],
  ['74120673', 'Stichting Lichtpunt GGZ', 'Z1105', 'GGZ-W5', 'Verblijf', 'nee', 520, 0, 1, null],
  ['74120673', 'Stichting Lichtpunt GGZ', 'Z1104', 'GGZ-W4', 'Verblijf', 'nee', 260, 0, 1, null],
];
/** Lichtpunt declared nothing in March (a gap); one of its rows is not approved and one is a correction. */
const GAP = { agb: '74120673', month: 3 };
const UNAPPROVED = { agb: '04120128', code: 'H300', month: 5 };
const CORRECTION = { agb: '74120011', code: 'Z1103', month: 6, volume: -12 };

const TOEZEGGINGEN = [
  ['74120011', 'Stichting Kompas GGZ Wonen', 'GGZ', 150000, 'regionale ontwikkeling (addendum 2025)', null],
  ['74120235', 'Forensisch Zorgcentrum Polderhof', 'GGZ', 80000, 'complexe casuïstiek', 1150000],
];
/** Invented contracteerruimte: GGZ a little short, V&V ample. */
const CONTRACTEERRUIMTE = { GGZ: 10100000, 'V&V': 250000 };

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** Days in the month for day-based prestaties (2025 is not a leap year); hours for MPT stay as given. */
function volumeFor(line, month, index) {
  const [, , code, , , , base, growth, first] = line;
  if (month < first) return null;
  const wiggle = ((month * 7 + index * 3) % 5) - 2;
  let v = base + growth * (month - first) + wiggle;
  if (code !== 'H300') v = Math.round((v * [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]) / 30);
  return v;
}

/** The unit tariff in cents as the provider bills it: maximumtarief × percentage, rounded half up (integer arithmetic). */
function declaredCents(agb, code, month, nieuw, tariff) {
  const x10 =
    agb === OLD_PRICE.agb && code === OLD_PRICE.code && month === OLD_PRICE.month
      ? OLD_PRICE.percentX10
      : nieuw === 'ja'
        ? NEW_PROVIDER_X10
        : PERCENT_X10[code];
  return Math.floor((Math.round(tariff * 100) * x10 + 500) / 1000);
}

function header(ws, row, names, widths) {
  names.forEach((h, i) => {
    const cell = ws.getRow(row).getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    ws.getColumn(i + 1).width = widths[i];
  });
}

function build() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tariefwijzer voorbeeldgenerator';
  wb.lastModifiedBy = 'Tariefwijzer voorbeeldgenerator';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;

  const ws = wb.addWorksheet('Productie 2025');
  ws.getCell('A1').value =
    'Gedeclareerde productie Wlz GGZ 2025 per aanbieder, prestatie en maand (VOORBEELD: verzonnen aanbieders, VOORBEELDTARIEVEN — geen echte NZa-tarieven)';
  ws.getCell('A1').font = { bold: true, size: 12, color: { argb: 'FFC00000' } };
  const columns = [
    'AGB-code',
    'Zorgaanbieder',
    'Hoofdsector',
    'Prestatiecode',
    'Zorgprofiel',
    'Leveringsvorm',
    'NZa maximumtarief',
    'Nieuwe aanbieder',
    'Declaratiemaand',
    'Aantal',
    'Gedeclareerd bedrag',
    'Goedgekeurd',
    'Crisisplaatsen',
  ];
  header(ws, 3, columns, [11, 32, 11, 13, 11, 12, 16, 10, 15, 9, 18, 11, 13]);
  let r = 4;
  for (let month = 1; month <= 12; month++) {
    LINES.forEach((line, index) => {
      const [agb, naam, code, profiel, vorm, nieuw, , , , plaatsen] = line;
      if (agb === GAP.agb && month === GAP.month) return;
      const volume = volumeFor(line, month, index);
      if (volume === null) return;
      const tariff = TARIFFS[code];
      const row = ws.getRow(r++);
      const declared = declaredCents(agb, code, month, nieuw, tariff) * volume;
      const values = [
        agb,
        naam,
        'GGZ',
        code,
        profiel || null,
        vorm || null,
        tariff,
        nieuw,
        `2025-${String(month).padStart(2, '0')}`,
        volume,
        declared / 100,
        agb === UNAPPROVED.agb && code === UNAPPROVED.code && month === UNAPPROVED.month ? 'nee' : 'ja',
        plaatsen,
      ];
      values.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = row.getCell(c + 1);
        cell.value = v;
        if (c === 6 || c === 10) cell.numFmt = MONEY;
      });
      if (agb === CORRECTION.agb && code === CORRECTION.code && month === CORRECTION.month) {
        const corr = ws.getRow(r++);
        [
          agb,
          naam,
          'GGZ',
          code,
          profiel,
          vorm,
          tariff,
          nieuw,
          `2025-${String(month).padStart(2, '0')}`,
          CORRECTION.volume,
          (declaredCents(agb, code, month, nieuw, tariff) * CORRECTION.volume) / 100,
          'ja',
          null,
        ].forEach((v, c) => {
          if (v !== null && v !== '') corr.getCell(c + 1).value = v;
        });
      }
    });
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 3 }];

  const tz = wb.addWorksheet('Toezeggingen');
  tz.getCell('A1').value = 'Toezeggingen en tussentijdse afspraken 2025 (VOORBEELD)';
  tz.getCell('A1').font = { bold: true, size: 12 };
  header(tz, 3, ['AGB-code', 'Zorgaanbieder', 'Sector', 'Toezegging', 'Toelichting toezegging', 'Tussentijdse afspraak'], [11, 32, 8, 14, 40, 20]);
  TOEZEGGINGEN.forEach((t, i) =>
    t.forEach((v, c) => {
      if (v === null) return;
      const cell = tz.getRow(4 + i).getCell(c + 1);
      cell.value = v;
      if (c === 3 || c === 5) cell.numFmt = MONEY;
    }),
  );

  const cr = wb.addWorksheet('Contracteerruimte');
  cr.getCell('A1').value = 'Contracteerruimte 2025 per sector (VOORBEELD, verzonnen bedragen)';
  cr.getCell('A1').font = { bold: true, size: 12 };
  Object.entries(CONTRACTEERRUIMTE).forEach(([sector, amount], i) => {
    cr.getCell(3 + i, 1).value = `Contracteerruimte ${sector}`;
    cr.getCell(3 + i, 2).value = amount;
    cr.getCell(3 + i, 2).numFmt = MONEY;
  });
  cr.getColumn(1).width = 28;
  cr.getColumn(2).width = 18;
  return wb;
}

async function main(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  await save(build(), path.join(outDir, FILE));
  console.log(`Geschreven: ${path.join(outDir, FILE)}`);
}

module.exports = { FILE, LINES, TARIFFS, MONTHS, main };

if (require.main === module) {
  main(path.resolve(process.argv[2] || path.join(ROOT, 'examples'))).catch((e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  });
}
