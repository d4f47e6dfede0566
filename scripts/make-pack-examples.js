#!/usr/bin/env node
/*
 * Writes examples/beleid-in-werkmap.xlsx (or into the folder given as the first argument): a workbook that
 * holds its own policy, as docs/beleidspakket.md ("Beleid in een werkblad") describes it.
 *
 *   Tariefwijzer beleid   the policy of an invented Zorgkantoor Oost for GGZ 2026: richttarief 96%, a higher
 *                         percentage (97,5%) for two zorgprofielen (GGZ-5W and GGZ-7B), an afslag for W1/W2
 *                         with verblijf, an opslag for an own kenmerk (Herstelgericht werken), NHC/NIC 100%,
 *                         and rules for new providers
 *   Aanbieders GGZ        rows to compute: invented providers, AGB-codes and maximum tariffs
 *
 * `tariefwijzer annotate examples/beleid-in-werkmap.xlsx` uses the policy sheet by itself (no --policy).
 * Deterministic: fixed workbook dates and zip timestamps (shared with make-examples.js).
 *
 * Usage: node scripts/make-pack-examples.js [outDir]
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const ExcelJS = require('exceljs');
const { save, FIXED_DATE } = require('./make-examples');

const ROOT = path.join(__dirname, '..');
const FILE = 'beleid-in-werkmap.xlsx';
const DOC = 'oost-inkoopbeleid-ggz-2026.pdf';
const PERCENT = '0.0%';
const pct = (fraction) => ({ value: fraction, numFmt: PERCENT });

/** Key/value block, parameter table and rule table, row by row (null = empty row). */
const POLICY_ROWS = [
  ['Tariefwijzer beleid'],
  ['Vul dit blad in volgens docs/beleidspakket.md; controleer het met: tariefwijzer policy check beleid-in-werkmap.xlsx'],
  null,
  ['Id', 'kantoor-oost-ggz-2026'],
  ['Versie', '1.0.0'],
  ['Titel', 'Zorgkantoor Oost — Wlz GGZ 2026 (voorbeeld)'],
  ['Zorgkantoor', 'Zorgkantoor Oost'],
  ['Sector', 'GGZ'],
  ['Inkoopjaar', 2026],
  [
    'Omschrijving',
    'VERZONNEN voorbeeldbeleid: richttarief 96%, 97,5% voor GGZ-5W en GGZ-7B, afslag van 1 procentpunt voor W1/W2 met verblijf, NHC/NIC 100%, nieuwe aanbieders een vast percentage (zelf invullen) en een signaal bij minder dan 10 Wlz-cliënten.',
  ],
  ['Gepubliceerd', new Date(Date.UTC(2025, 6, 1))],
  ['Bron', DOC, 'Inkoopbeleid Wlz GGZ 2026, Zorgkantoor Oost (verzonnen voorbeeld)'],
  null,
  ['Parameter', 'Soort', 'Naam', 'Standaardwaarde', 'Uitleg', 'Bron', 'Paragraaf', 'Vindplaats', 'Citaat'],
  [
    'richttarief',
    'percentage',
    'Richttarief GGZ 2026',
    '96%',
    'Het tariefpercentage zorg GGZ 2026 (§2.1).',
    DOC,
    '§2.1',
    'p. 4',
    'Het tariefpercentage voor zorg bedraagt in 2026 96%.',
  ],
  [
    'percentage_w5_b7',
    'percentage',
    'Percentage GGZ-5W en GGZ-7B',
    pct(0.975),
    'Hoger percentage voor de zwaarste profielen wonen en beschermd (§2.2).',
    DOC,
    '§2.2',
    'p. 5',
    '',
  ],
  [
    'percentage_nieuwe_aanbieder',
    'percentage',
    'Percentage nieuwe aanbieders',
    null,
    'Het beleid noemt het percentage voor nieuwe aanbieders nog niet (§3); vul het in als het bekend is.',
    DOC,
    '§3',
    'p. 7',
    '',
  ],
  null,
  ['Kenmerk', 'Soort', 'Kolomkop', 'Andere koppen', 'Uitleg'],
  [
    'herstelgericht',
    'ja/nee',
    'Herstelgericht werken',
    'herstelgericht, hgw',
    'Ja als de aanbieder aantoonbaar herstelgericht werkt (§2.5): opslag van 0,5 procentpunt.',
  ],
  null,
  [
    'Regel',
    'Omschrijving',
    'Zorgprofiel',
    'Leveringsvorm',
    'Nieuwe aanbieder',
    'Aantal Wlz-cliënten',
    'Herstelgericht werken',
    'Effect',
    'Waarde',
    'Signaalcode',
    'Ernst',
    'Melding',
    'Bron',
    'Paragraaf',
    'Vindplaats',
    'Citaat',
  ],
  ['nhc-nic', 'NHC en NIC tegen 100%', '', 'NHC, NIC', '', '', '', 'vast', 100, '', '', '', '', '§2.4', 'p. 6', ''],
  [
    'nieuw-weinig-clienten',
    'Nieuwe aanbieder met minder dan 10 Wlz-cliënten',
    '',
    '',
    'ja',
    '< 10',
    '',
    'signaal',
    '',
    'NIEUW_MINDER_DAN_10',
    'waarschuwing',
    'Nieuwe aanbieder met minder dan 10 Wlz-cliënten: komt in principe niet in aanmerking voor een contract.',
    '',
    '§3',
    'p. 7',
    '',
  ],
  ['nieuwe-aanbieder', 'Nieuwe aanbieder: vast percentage', '', '', 'ja', '', '', 'vast', 'percentage_nieuwe_aanbieder', '', '', '', '', '§3', 'p. 7', ''],
  [
    'hoger-w5-b7',
    'GGZ-5W en GGZ-7B: hoger percentage',
    'W5, B7',
    '',
    '',
    '',
    '',
    'basis',
    'percentage_w5_b7',
    '',
    '',
    '',
    '',
    '§2.2',
    'p. 5',
    'Voor de profielen GGZ-5W en GGZ-7B geldt 97,5%.',
  ],
  ['afslag-w1-w2-verblijf', 'W1 en W2 met verblijf: afslag', 'GGZ-1W, GGZ-2W', 'Verblijf', '', '', '', 'afslag', 1, '', '', '', '', '§2.3', 'p. 5', ''],
  ['herstelgericht', 'Opslag herstelgericht werken', '', '', '', '', 'ja', 'opslag', '0,5', '', '', '', '', '§2.5', 'p. 6', ''],
  ['richttarief', 'Richttarief GGZ 2026', '', '', '', '', '', 'basis', 'richttarief', '', '', '', '', '§2.1', 'p. 4', ''],
  ['maximum', 'Ten hoogste 100% van het NZa-maximumtarief', '', '', '', '', '', 'maximum', 100, '', '', '', '', '§2.1', 'p. 4', ''],
];

/** Invented rows (codes Z1101/Z1105/V1103 are invented GGZ-W codes; see examples/README.md). */
const DATA_HEADER = [
  'AGB-code',
  'Zorgaanbieder',
  'Prestatiecode',
  'Zorgprofiel',
  'Leveringsvorm',
  'NZa maximumtarief',
  'Nieuwe aanbieder',
  'Aantal Wlz-cliënten',
  'Herstelgericht werken',
];
const DATA_ROWS = [
  ['75120011', 'Stichting Oostgeest', 'Z331', 'GGZ-3C', 'Verblijf', 250, 'nee', 64, 'ja'],
  ['75120028', 'Beschut Wonen Twente', 'Z1105', 'W5', 'Verblijf', 300, 'nee', 120],
  ['75120035', 'Forensisch Huis Achterhoek', 'Z273', 'B7', 'Verblijf', 280.4, 'nee', 85],
  ['75120042', 'Herstelhuis De Linde', 'Z1101', 'W1', 'Verblijf', 180, 'nee', 40],
  ['75120059', 'GGZ Thuis Deventer', 'V1103', 'W3', 'VPT', 150, 'nee', 33],
  ['75120035', 'Forensisch Huis Achterhoek', 'Z889', '', '', 20, 'nee', 85],
  ['75120066', 'Nieuw Begin Wonen', 'Z331', 'GGZ-3C', 'Verblijf', 250, 'ja', 7],
];

function build() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tariefwijzer voorbeelden';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const data = wb.addWorksheet('Aanbieders GGZ');
  data.getCell('A1').value = 'Aanbieders GGZ 2026 — VERZONNEN voorbeeldgegevens';
  data.getRow(3).values = DATA_HEADER;
  data.getRow(3).font = { bold: true };
  DATA_ROWS.forEach((values, i) => {
    const row = data.getRow(4 + i);
    row.values = values;
    row.getCell(1).numFmt = '@';
    row.getCell(6).numFmt = '#,##0.00';
  });
  data.columns.forEach((c, i) => (c.width = [12, 30, 14, 13, 14, 18, 16, 18, 20][i]));

  const ws = wb.addWorksheet('Tariefwijzer beleid');
  POLICY_ROWS.forEach((values, i) => {
    if (!values) return;
    const row = ws.getRow(i + 1);
    values.forEach((v, c) => {
      if (v === null || v === '') return;
      const cell = row.getCell(c + 1);
      if (v && typeof v === 'object' && !(v instanceof Date)) {
        cell.value = v.value;
        cell.numFmt = v.numFmt;
      } else cell.value = v;
      if (v instanceof Date) cell.numFmt = 'd-m-yyyy';
    });
    if (['Tariefwijzer beleid', 'Parameter', 'Regel'].includes(values[0])) row.font = { bold: true };
  });
  ws.getColumn(1).width = 24;
  ws.getColumn(2).width = 40;
  return wb;
}

async function main(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, FILE);
  await save(build(), file);
  console.log(`Geschreven: ${file}`);
}

module.exports = { main, FILE, DATA_ROWS };

if (require.main === module) {
  main(path.resolve(process.argv[2] || path.join(ROOT, 'examples'))).catch((e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  });
}
