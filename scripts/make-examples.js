#!/usr/bin/env node
/*
 * Writes the example workbooks a Dutch zorginkoper would recognise, plus a Dutch README, into
 * examples/ (or the folder given as the first argument):
 *
 *   vv-2024-zorgkantoren.xlsx    one sheet per zorgkantoor (V&V 2024 packs) + the sheet "NZa tarieven"
 *   ggz-2025-zilveren-kruis.xlsx sheet "Aanbieders GGZ" for zk-ggz-2025
 *   gz-2017-inkoopkader.xlsx     sheet "GZ 2017" for zn-gz-2017
 *   README.md                    what is in each file and how to run Tariefwijzer on it
 *
 * All provider names, AGB-codes and maximum tariffs are invented. Prestatiecodes come from the catalog
 * (src/domain/catalog/prestaties.json), except the GGZ-W codes (not in the 2019 catalog) and the
 * deliberate problem rows.
 *
 * Deterministic: no randomness, no clock. The workbook dates are fixed, and the zip entry timestamps that
 * exceljs (through JSZip) takes from the clock are overwritten afterwards, so two runs give identical bytes.
 *
 * Usage: node scripts/make-examples.js [outDir]
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const ExcelJS = require('exceljs');

const ROOT = path.join(__dirname, '..');
const CATALOG = require(path.join(ROOT, 'src/domain/catalog/prestaties.json'));
const BY_CODE = new Map(CATALOG.entries.map((e) => [e.code, e]));

const FIXED_DATE = new Date(Date.UTC(2024, 0, 2, 9, 0, 0));
const MONEY = '#,##0.00';
const PERCENT = '0.0%';
const TEXT = '@';
const TARIFF_NOTE = 'VOORBEELDTARIEVEN — geen echte NZa-tarieven';

// ---------------------------------------------------------------------------------------------------
// Cell helpers. A row value is a plain value, or { value, numFmt } when the cell needs its own format.

/** A percentage stored the way Excel stores a cell formatted as percentage: 0.969 shown as 96,9%. */
const pct = (fraction) => ({ value: fraction, numFmt: PERCENT });
/** A money amount typed as text, as people paste it from a PDF: "€ 312,45". */
const euroText = (amount) => `€ ${amount.toFixed(2).replace('.', ',')}`;

/** amount × percentage, rounded half up to cents, in integer arithmetic (no float drift at .5). */
function applyPercentage(amount, percentTimesTen) {
  const cents = Math.round(amount * 100);
  return Math.floor((cents * percentTimesTen + 500) / 1000) / 100;
}

function description(code) {
  const e = BY_CODE.get(code.replace(/\s+/g, ''));
  if (!e) throw new Error(`make-examples: ${code} is not in the catalog`);
  return e.description;
}

// ---------------------------------------------------------------------------------------------------
// Invented NZa maximum tariffs (euros per unit) for the V&V codes. NOT real NZa tariffs.

const VV_TARIFFS = {
  Z041: [187.35, 'per dag'],
  Z043: [214.6, 'per dag'],
  Z053: [265.85, 'per dag'],
  Z061: [244.1, 'per dag'],
  Z063: [272.55, 'per dag'],
  Z073: [316.95, 'per dag'],
  Z081: [301.8, 'per dag'],
  Z083: [338.25, 'per dag'],
  Z095: [279.4, 'per dag'],
  Z097: [311.65, 'per dag'],
  V041: [158.7, 'per dag'],
  V051: [209.35, 'per dag'],
  V061: [214.8, 'per dag'],
  V071: [259.95, 'per dag'],
  V081: [281.4, 'per dag'],
  H104: [86.15, 'per uur'],
  H126: [62.85, 'per uur'],
  H127: [68.3, 'per uur'],
  H300: [71.2, 'per uur'],
  H531: [44.7, 'per dagdeel'],
  H533: [57.95, 'per dagdeel'],
  X183: [14.65, 'per dag'],
  X185: [16.9, 'per dag'],
  IX181: [10.85, 'per dag'],
  IX185: [12.4, 'per dag'],
};

const maxVV = (code) => VV_TARIFFS[code][0];
/** The contracted tariff at the richttarief 95,5% of the (invented) maximum. */
const at955 = (code) => applyPercentage(maxVV(code), 955);

// ---------------------------------------------------------------------------------------------------
// Column definitions: header text (as users write it; it must match a core field or a pack field label
// or alias), width, number format, and a Dutch explanation for the README.

const COL = {
  agb: { header: 'AGB-code', width: 12, numFmt: TEXT, uitleg: 'AGB-code van de zorgaanbieder, 8 cijfers, als tekst (voorloopnul blijft staan).' },
  aanbieder: { header: 'Zorgaanbieder', width: 38, uitleg: 'Naam van de zorgaanbieder (verzonnen).' },
  code: { header: 'Prestatiecode', width: 14, numFmt: TEXT, uitleg: 'NZa-prestatiecode (ZZP, VPT, MPT, NHC/NIC, dagbesteding, behandeling).' },
  omschrijving: { header: 'Omschrijving', width: 44, uitleg: 'Omschrijving van de prestatie (uit de Vektis-prestatiecodelijst).' },
  leveringsvorm: {
    header: 'Leveringsvorm',
    width: 15,
    uitleg: 'ZZP/Verblijf, VPT, MPT, NHC, NIC of Dagbesteding; mag leeg als de prestatiecode in de codelijst staat.',
  },
  nieuw: { header: 'Nieuwe aanbieder', width: 11, uitleg: 'ja / nee / x (= ja) of leeg: de aanbieder is nieuw voor het zorgkantoor.' },
  gecontracteerd: {
    header: 'Gecontracteerd tarief',
    width: 14,
    numFmt: MONEY,
    uitleg: 'Het tarief dat nu in het contract staat (bij enkele rijen), om te vergelijken met de uitkomst van Tariefwijzer.',
  },
  pct2023: {
    header: 'Tariefpercentage 2023',
    width: 14,
    uitleg:
      'Het eigen tariefpercentage 2023 van de aanbieder. Bewust gemengd ingevuld: tekst "96,4%", 0,964 als percentage opgemaakt, het getal 96,4 en "95,8 %" met spatie.',
  },
  // Pack-specific columns (header = a label or alias from src/policies/<id>.json "fields").
  essentieel: {
    header: 'Rol essentiële voorzieningen',
    width: 14,
    uitleg: 'ja als de aanbieder een rol heeft in de essentiële voorzieningen (96,0%). Veld essentieleVoorzieningen.',
  },
  zkLager: {
    header: 'Vrijwillig lager percentage',
    width: 14,
    uitleg: 'Afgesproken lager tariefpercentage bij substitutie (zelden ingevuld). Veld vrijwilligLagerPercentage.',
  },
  tafels: {
    header: 'Commitment regionale tafels',
    width: 15,
    uitleg: 'ja als de aanbieder zich aan de regionale V&V-tafels heeft gecommitteerd. Veld commitmentRegionaleTafels.',
  },
  mptOpslag: { header: 'Opslag MPT', width: 11, uitleg: 'ja als VGZ een groeiopslag op MPT geeft. Veld mptGroeiopslag.' },
  plannen: {
    header: 'Specifieke plannen',
    width: 12,
    uitleg: 'ja als de afspraak op specifieke plannen is gebaseerd (toeslag VPT/MPT). Veld specifiekePlannen.',
  },
  wijk: { header: 'VPT in de wijk', width: 11, uitleg: 'ja als het VPT gespikkeld in de wijk wordt geleverd. Veld vptInDeWijk.' },
  technologie: { header: 'Technologie opslag', width: 12, uitleg: 'ja bij bewezen effectieve arbeidsbesparende technologie (+0,1). Veld technologieOpslag.' },
  bewegingen: { header: 'Bewegingen en doelen', width: 12, uitleg: 'ja bij de opslag bewegingen en doelen (+0,3). Veld bewegingenEnDoelen.' },
  freeProposal: {
    header: 'Free proposal',
    width: 12,
    uitleg: 'Tariefpercentage uit een free proposal (tot 100%); gemengd als tekst, als percentage opgemaakt en als getal. Veld freeProposal.',
  },
  differentiatie: {
    header: 'Differentiatie Salland',
    width: 13,
    uitleg: 'Differentiatie in procentpunten, van -2 tot +1 (ook als tekst "-0,5"). Veld differentiatie.',
  },
  basis: { header: 'Voldoet niet aan basis', width: 12, uitleg: 'ja als de aanbieder niet aan de basis voldoet. Veld basisNietVoldaan.' },
  monitor: { header: 'Monitoruitkomst DSW', width: 12, uitleg: 'Uitkomst van de DSW-monitor in procentpunten: -1, -0,5, 0 of +1. Veld monitoruitkomst.' },
  werkgevers: { header: 'Werkgeversopslag Z&Z', width: 13, uitleg: 'ja / x als de aanbieder de meerjarige werkgeversopslag krijgt. Veld werkgeversopslag.' },
};

// ---------------------------------------------------------------------------------------------------
// V&V 2024: one sheet per zorgkantoor. Rows: [agb, aanbieder, code, leveringsvorm, nieuw, ...pack columns, gecontracteerd]
// `null` as a row = the deliberate empty row.

const VV_SHEETS = [
  {
    name: 'Zilveren Kruis',
    policy: 'zk-vv-2024',
    title: 'Contractering V&V 2024 — regio Utrecht (Zilveren Kruis Zorgkantoor)',
    extra: ['essentieel', 'zkLager'],
    rows: [
      ['03010123', 'Zorggroep De Linde', 'Z043', 'Verblijf', 'nee', '', '', null],
      ['03010123', 'Zorggroep De Linde', 'Z063', 'ZZP', 'nee', '', '', at955('Z063')],
      ['03010123', 'Zorggroep De Linde', 'Z073', 'ZZP', 'nee', '', '', null],
      ['03010123', 'Zorggroep De Linde', 'Z097', 'ZZP', 'nee', '', '', null],
      ['03010123', 'Zorggroep De Linde', 'V061', 'VPT', 'nee', '', '', null],
      ['03010123', 'Zorggroep De Linde', 'X183', 'NHC', 'nee', '', '', null],
      ['73021187', 'Stichting Amstelhof Zorg', 'Z053', '', '', 'ja', '', applyPercentage(maxVV('Z053'), 960)],
      ['73021187', 'Stichting Amstelhof Zorg', 'Z083', '', '', 'ja', '', null],
      ['73021187', 'Stichting Amstelhof Zorg', 'H126', '', '', 'ja', '', 60.1],
      null,
      ['03056612', 'Thuiszorg Domstad', 'V051', 'VPT', 'nee', 'nee', '94,5%', null],
      ['03056612', 'Thuiszorg Domstad', 'H126', 'MPT', 'nee', 'nee', '', at955('H126')],
      ['03056612', 'Thuiszorg Domstad', 'H104', 'MPT', 'nee', 'nee', '', null],
      ['03056612', 'Thuiszorg Domstad', 'H531', 'Dagbesteding', 'nee', 'nee', '', null],
      ['73091234', '+Zorg Thuis BV', 'V051', 'VPT', 'ja', '', '', null],
      ['73091234', '+Zorg Thuis BV', 'H126', 'MPT', 'ja', '', '', 58.75],
      ['73091234', '+Zorg Thuis BV', 'H300', 'MPT', 'ja', '', '', null],
      ['03077450', 'Woonzorg Vechtoever', 'V041', '', 'nee', '', '', null],
      ['03077450', 'Woonzorg Vechtoever', 'Z061', '', 'nee', '', '', null],
      ['03077450', 'Woonzorg Vechtoever', 'IX181', '', 'nee', '', '', null],
    ],
  },
  {
    name: 'VGZ',
    policy: 'vgz-vv-2024',
    title: 'Contractering V&V 2024 — regio Nijmegen (VGZ Zorgkantoor)',
    extra: ['tafels', 'mptOpslag'],
    rows: [
      ['06010345', 'Zorgcentrum Heideweg', 'Z053', 'ZZP', 'nee', 'ja', '', at955('Z053')],
      ['06010345', 'Zorgcentrum Heideweg', 'Z063', 'ZZP', 'nee', 'ja', '', null],
      ['06010345', 'Zorgcentrum Heideweg', 'Z073', 'ZZP', 'nee', 'ja', '', null],
      ['06010345', 'Zorgcentrum Heideweg', 'V071', 'VPT', 'nee', 'ja', '', null],
      ['06010345', 'Zorgcentrum Heideweg', 'X185', 'NHC', 'nee', 'ja', '', null],
      ['73023378', 'Thuiszorg Waalkant', 'H126', 'MPT', 'nee', 'ja', 'ja', null],
      ['73023378', 'Thuiszorg Waalkant', 'H104', 'MPT', 'nee', 'ja', 'ja', at955('H104')],
      ['73023378', 'Thuiszorg Waalkant', 'H300', 'MPT', 'nee', 'ja', 'nee', null],
      ['73023378', 'Thuiszorg Waalkant', 'V051', 'VPT', 'nee', 'ja', '', null],
      ['73023378', 'Thuiszorg Waalkant', 'H126', 'MPT', 'nee', 'ja', 'ja', 61.4],
      ['06034412', 'Stichting Maasduinen Wonen & Zorg', 'Z061', '', 'nee', 'nee', '', null],
      ['06034412', 'Stichting Maasduinen Wonen & Zorg', 'Z081', '', 'nee', 'nee', '', 286.5],
      ['06034412', 'Stichting Maasduinen Wonen & Zorg', 'Z095', '', 'nee', 'nee', '', null],
      ['06034412', 'Stichting Maasduinen Wonen & Zorg', 'V081', '', 'nee', 'nee', '', null],
      ['06034412', 'Stichting Maasduinen Wonen & Zorg', 'IX185', '', 'nee', 'nee', '', null],
      ['73047789', 'Wijkverpleging Rijk van Nijmegen', 'H126', 'MPT', 'ja', '', 'ja', null],
      ['73047789', 'Wijkverpleging Rijk van Nijmegen', 'H127', 'MPT', 'ja', '', 'ja', null],
    ],
  },
  {
    name: 'Menzis',
    policy: 'menzis-vv-2024',
    title: 'Contractering V&V 2024 — regio Twente (Menzis Zorgkantoor)',
    extra: ['plannen', 'wijk'],
    rows: [
      ['05012345', 'Zorggroep Noaberhof', 'Z 061', 'ZZP', 'nee', '', '', null],
      ['05012345', 'Zorggroep Noaberhof', 'Z073', 'ZZP', 'nee', '', '', at955('Z073')],
      ['05012345', 'Zorggroep Noaberhof', 'V061', 'VPT', 'nee', 'ja', 'nee', null],
      ['05012345', 'Zorggroep Noaberhof', 'V081', 'VPT', 'nee', 'ja', 'ja', null],
      ['75023456', 'Thuiszorg Twentse Kracht', 'H126', 'MPT', 'nee', 'ja', '', null],
      ['75023456', 'Thuiszorg Twentse Kracht', 'H104', 'MPT', 'nee', 'ja', '', 84.6],
      ['75023456', 'Thuiszorg Twentse Kracht', 'H300', 'MPT', 'nee', 'nee', '', null],
      ['75023456', 'Thuiszorg Twentse Kracht', 'H531', 'Dagbesteding', 'nee', '', '', null],
      ['05034567', 'Stichting Dinkeldal Wonen', 'Z053', '', '', '', '', null],
      ['05034567', 'Stichting Dinkeldal Wonen', 'Z083', '', '', '', '', at955('Z083')],
      ['05034567', 'Stichting Dinkeldal Wonen', 'Z097', '', '', '', '', null],
      ['05034567', 'Stichting Dinkeldal Wonen', 'X183', '', '', '', '', null],
      ['05034567', 'Stichting Dinkeldal Wonen', 'IX181', '', '', '', '', null],
      ['75045678', 'Zorgnest Hengelo BV', 'V051', 'VPT', 'x', '', 'ja', null],
      ['75045678', 'Zorgnest Hengelo BV', 'H126', 'MPT', 'x', '', '', null],
    ],
  },
  {
    name: 'CZ',
    policy: 'cz-vv-2024',
    title: 'Contractering V&V 2024 — regio Zuidoost-Brabant (CZ Zorgkantoor)',
    extra: ['technologie', 'bewegingen', 'freeProposal'],
    rows: [
      ['73520114', 'Zorggroep Kempenland', 'Z053', 'ZZP', 'nee', 'ja', 'ja', '', null],
      ['73520114', 'Zorggroep Kempenland', 'Z063', 'ZZP', 'nee', 'ja', 'ja', '', null],
      ['73520114', 'Zorggroep Kempenland', 'Z073', 'ZZP', 'nee', 'ja', 'nee', '', at955('Z073')],
      ['73520114', 'Zorggroep Kempenland', 'V061', 'VPT', 'nee', 'nee', 'ja', '', null],
      ['73520114', 'Zorggroep Kempenland', 'Z045', '', 'nee', 'ja', 'ja', '', null],
      ['73520114', 'Zorggroep Kempenland', 'X183', 'NHC', 'nee', '', '', '', null],
      ['03520238', 'Thuiszorg De Peel', 'H126', 'MPT', 'nee', 'ja', '', '', null],
      ['03520238', 'Thuiszorg De Peel', 'H104', 'MPT', 'nee', 'ja', '', '', at955('H104')],
      ['03520238', 'Thuiszorg De Peel', 'H300', 'MPT', 'nee', '', '', '97,5%', null],
      ['03520238', 'Thuiszorg De Peel', 'H533', 'Dagbesteding', 'nee', '', '', '', null],
      ['73520365', 'Stichting Dommeldal Wonen', 'Z083', '', 'nee', '', '', pct(0.99), 334.85],
      ['73520365', 'Stichting Dommeldal Wonen', 'Z097', '', 'nee', '', '', 100, null],
      ['73520365', 'Stichting Dommeldal Wonen', 'V081', '', 'nee', 'ja', 'ja', '', null],
      ['73520471', 'Nieuwe Zorg Eindhoven BV', 'V051', 'VPT', 'ja', '', '', '', null],
      ['73520471', 'Nieuwe Zorg Eindhoven BV', 'H126', 'MPT', 'ja', 'ja', '', '', null],
    ],
  },
  {
    name: 'Salland',
    policy: 'salland-vv-2024',
    title: 'Contractering V&V 2024 — regio Salland (Salland Zorgkantoor)',
    extra: ['differentiatie', 'basis'],
    rows: [
      ['03220145', 'Zorggroep Sallandse Heuvels', 'Z053', 'ZZP', 'nee', 1, '', applyPercentage(maxVV('Z053'), 965)],
      ['03220145', 'Zorggroep Sallandse Heuvels', 'Z063', 'ZZP', 'nee', 1, '', null],
      ['03220145', 'Zorggroep Sallandse Heuvels', 'Z073', 'ZZP', 'nee', 0.5, '', null],
      ['03220145', 'Zorggroep Sallandse Heuvels', 'V061', 'VPT', 'nee', 1, '', null],
      ['73220289', 'Thuiszorg Vechtdal', 'H126', 'MPT', 'nee', 0, '', at955('H126')],
      ['73220289', 'Thuiszorg Vechtdal', 'H104', 'MPT', 'nee', 0, '', null],
      ['73220289', 'Thuiszorg Vechtdal', 'H300', 'MPT', 'nee', -1, '', null],
      ['73220289', 'Thuiszorg Vechtdal', 'V051', 'VPT', 'nee', '-0,5', '', null],
      ['73220316', '=WoonZorg Raalte', 'Z061', '', 'nee', -2, 'ja', null],
      ['73220316', '=WoonZorg Raalte', 'Z081', '', 'nee', -2, 'ja', 281.9],
      ['03220452', 'Stichting Olst-Wijhe Zorg', 'Z097', '', 'nee', 0, '', null],
      ['03220452', 'Stichting Olst-Wijhe Zorg', 'X185', '', 'nee', '', '', null],
      ['03220452', 'Stichting Olst-Wijhe Zorg', 'IX185', '', 'nee', '', '', null],
      ['03220452', 'Stichting Olst-Wijhe Zorg', 'H531', '', 'nee', 0, '', null],
    ],
  },
  {
    name: 'DSW',
    policy: 'dsw-vv-2024',
    title: 'Contractering V&V 2024 — regio Delft Westland Oostland (Zorgkantoor DSW)',
    pct2023: true,
    extra: ['monitor'],
    rows: [
      ['73930127', 'Zorggroep Westland Kust', 'Z053', 'ZZP', 'nee', '96,4%', 1, null],
      ['73930127', 'Zorggroep Westland Kust', 'Z063', 'ZZP', 'nee', pct(0.964), 1, null],
      ['73930127', 'Zorggroep Westland Kust', 'Z073', 'ZZP', 'nee', 96.4, 1, applyPercentage(maxVV('Z073'), 974)],
      ['73930127', 'Zorggroep Westland Kust', 'V061', 'VPT', 'nee', '96,4%', 0, null],
      ['03930254', 'Thuiszorg Delfland', 'H126', 'MPT', 'nee', 95.8, 0, null],
      ['03930254', 'Thuiszorg Delfland', 'H104', 'MPT', 'nee', pct(0.958), -1, null],
      ['03930254', 'Thuiszorg Delfland', 'H300', 'MPT', 'nee', '95,8 %', -0.5, at955('H300')],
      ['73930381', 'Stichting Oostland Wonen', 'Z083', '', 'nee', 97, 1, null],
      ['73930381', 'Stichting Oostland Wonen', 'Z097', '', 'nee', 97, 1, null],
      ['73930381', 'Stichting Oostland Wonen', 'X183', '', 'nee', '', '', null],
      ['73930381', 'Stichting Oostland Wonen', 'IX181', '', 'nee', '', '', null],
      ['73930418', 'Thuiszorg Lansingerland BV', 'V051', 'VPT', 'ja', '', '', null],
      ['73930418', 'Thuiszorg Lansingerland BV', 'H126', 'MPT', 'ja', '', '', applyPercentage(maxVV('H126'), 910)],
      ['03930545', 'Verpleeghuis Midden-Delfland', 'Z061', 'ZZP', 'nee', '94,5%', -1, null],
      ['03930545', 'Verpleeghuis Midden-Delfland', 'V081', 'VPT', 'nee', '94,5%', 0, null],
    ],
  },
  {
    name: 'Zorg en Zekerheid',
    policy: 'zz-vv-2024',
    title: 'Contractering V&V 2024 — regio Zuid-Holland Noord (Zorgkantoor Zorg en Zekerheid)',
    extra: ['werkgevers'],
    rows: [
      ['75940112', 'Zorggroep Bollenstreek', 'Z053', 'ZZP', 'nee', 'ja', applyPercentage(maxVV('Z053'), 958)],
      ['75940112', 'Zorggroep Bollenstreek', 'Z063', 'ZZP', 'nee', 'ja', null],
      ['75940112', 'Zorggroep Bollenstreek', 'Z073', 'ZZP', 'nee', 'ja', null],
      ['75940112', 'Zorggroep Bollenstreek', 'V071', 'VPT', 'nee', 'x', null],
      ['03940236', 'Thuiszorg Duin- en Bollenstreek', 'H126', 'MPT', 'nee', 'nee', at955('H126')],
      ['03940236', 'Thuiszorg Duin- en Bollenstreek', 'H104', 'MPT', 'nee', 'nee', null],
      ['03940236', 'Thuiszorg Duin- en Bollenstreek', 'H300', 'MPT', 'nee', 'nee', null],
      ['75940359', 'Stichting Rijnland Wonen & Zorg', 'Z083', '', '', 'ja', null],
      ['75940359', 'Stichting Rijnland Wonen & Zorg', 'Z097', '', '', 'ja', 299.5],
      ['75940359', 'Stichting Rijnland Wonen & Zorg', 'X185', '', '', '', null],
      ['75940359', 'Stichting Rijnland Wonen & Zorg', 'IX185', '', '', '', null],
      ['75940473', 'Thuishulp Leiden BV', 'V051', 'VPT', 'ja', '', null],
      ['75940473', 'Thuishulp Leiden BV', 'H126', 'MPT', 'ja', '', null],
    ],
  },
];

/** The deliberate problem rows, by sheet: what a real sheet has and Tariefwijzer must report. */
const VV_PROBLEMS = [
  {
    sheet: 'Zilveren Kruis',
    wat: 'ZZP 4VV met verblijf (Z043), Zorggroep De Linde',
    waarom: 'Zilveren Kruis wil 4VV thuis; het pakket geeft een waarschuwing (parameter zzp4_intramuraal_uitsluiten).',
  },
  { sheet: 'Zilveren Kruis', wat: 'lege rij tussen Stichting Amstelhof Zorg en Thuiszorg Domstad', waarom: 'wordt overgeslagen.' },
  {
    sheet: 'Zilveren Kruis',
    wat: 'aanbieder "+Zorg Thuis BV" (naam begint met +)',
    waarom:
      'moet tekst blijven en nooit als formule worden gelezen of geschreven; het is ook een nieuwe aanbieder (percentage_nieuwe_aanbieder zelf invullen).',
  },
  {
    sheet: 'VGZ',
    wat: 'dubbele rij: Thuiszorg Waalkant (73023378) H126 staat twee keer, met een ander gecontracteerd tarief',
    waarom: 'dubbele afspraak; de gebruiker moet kiezen.',
  },
  { sheet: 'Menzis', wat: 'prestatiecode "Z 061" met een spatie', waarom: 'tikfout; Tariefwijzer leest hem als Z061.' },
  {
    sheet: 'CZ',
    wat: 'onbekende prestatiecode Z045',
    waarom: 'staat niet in de prestatiecodelijst en niet in het blad NZa tarieven: geen tarief, wel een signaal.',
  },
  {
    sheet: 'Salland',
    wat: 'aanbieder "=WoonZorg Raalte" (naam begint met =)',
    waarom: 'moet tekst blijven, geen formule; voldoet bovendien niet aan de basis en heeft differentiatie -2.',
  },
];

/** Codes on the V&V sheets that are deliberately not in "NZa tarieven" as written. */
const VV_PROBLEM_CODES = ['Z 061', 'Z045'];

// ---------------------------------------------------------------------------------------------------
// GGZ 2025 (zk-ggz-2025). GGZ-W codes are not in the 2019 catalog: these codes are INVENTED.

const GGZ_W_CODES = {
  Z1101: 'Wonen GGZ-W1 (verblijf) — voorbeeldcode',
  Z1102: 'Wonen GGZ-W2 (verblijf) — voorbeeldcode',
  Z1103: 'Wonen GGZ-W3 (verblijf) — voorbeeldcode',
  Z1104: 'Wonen GGZ-W4 (verblijf) — voorbeeldcode',
  Z1105: 'Wonen GGZ-W5 (verblijf) — voorbeeldcode',
  V1103: 'Wonen GGZ-W3 via VPT — voorbeeldcode',
  V1105: 'Wonen GGZ-W5 via VPT — voorbeeldcode',
};
const GGZ_DESCRIPTIONS = { ...GGZ_W_CODES, Z1007: 'Beveiligde zorg (toeslag beveiligingsniveau 2)', Z1008: 'Beveiligde zorg (toeslag beveiligingsniveau 3)' };
const ggzDescription = (code) => GGZ_DESCRIPTIONS[code] || description(code);

const GGZ_COLUMNS = [
  COL.agb,
  COL.aanbieder,
  { header: 'Hoofdsector', width: 12, uitleg: 'Sector waarin de aanbieder inschrijft (GGZ). Een V&V-prestatie bij hoofdsector GGZ is sectorvreemd.' },
  COL.code,
  { ...COL.omschrijving, uitleg: 'Omschrijving van de prestatie; bij de verzonnen GGZ-W-codes staat "voorbeeldcode".' },
  { header: 'Zorgprofiel', width: 11, uitleg: 'Zorgprofiel zoals mensen het schrijven: "GGZ-W5", "W1", "B7". Altijd ingevuld bij de GGZ-W-codes.' },
  { header: 'Leveringsvorm', width: 13, uitleg: 'Verblijf, VPT of MPT. Altijd ingevuld bij de GGZ-W-codes (die staan niet in de codelijst).' },
  { header: 'NZa maximumtarief', width: 14, numFmt: MONEY, uitleg: 'Verzonnen maximumtarief in de rij zelf: meestal een getal, soms tekst zoals "€ 312,45".' },
  COL.nieuw,
  { header: 'Aantal Wlz-cliënten', width: 11, uitleg: 'Aantal Wlz-cliënten van de aanbieder (minder dan 10 bij een nieuwe aanbieder geeft een signaal).' },
  {
    header: 'Tariefpercentage vorig jaar',
    width: 14,
    uitleg: 'Tariefpercentage 2023/2024 van de aanbieder, gemengd als tekst, percentage en getal; onder 95,8% houdt de aanbieder zijn eigen percentage.',
  },
  { header: 'Vrijwillig lager tariefpercentage', width: 16, uitleg: 'Zelden ingevuld: op eigen verzoek afgesproken lager percentage (§2.3.5).' },
];

// [agb, aanbieder, hoofdsector, code, zorgprofiel, leveringsvorm, max, nieuw, clienten, vorig jaar, vrijwillig lager]
const GGZ_ROWS = [
  ['74110011', 'Stichting Kompas GGZ Wonen', 'GGZ', 'Z1103', 'GGZ-W3', 'Verblijf', 228.45, 'nee', 142, '95,8%', ''],
  ['74110011', 'Stichting Kompas GGZ Wonen', 'GGZ', 'Z1105', 'GGZ-W5', 'Verblijf', euroText(312.45), 'nee', 142, '95,8%', ''],
  ['74110011', 'Stichting Kompas GGZ Wonen', 'GGZ', 'V1105', 'W5', 'VPT', 287.1, 'nee', 142, '95,8%', ''],
  ['74110011', 'Stichting Kompas GGZ Wonen', 'GGZ', 'H153', 'W3', 'MPT', 88.4, 'nee', 142, '95,8%', ''],
  ['04110128', 'GGZ Beschermd Wonen Eemland', 'GGZ', 'Z1101', 'W1', 'Verblijf', 171.9, 'nee', 58, pct(0.958), ''],
  ['04110128', 'GGZ Beschermd Wonen Eemland', 'GGZ', 'Z1102', 'W2', 'Verblijf', 189.35, 'nee', 58, pct(0.958), ''],
  ['04110128', 'GGZ Beschermd Wonen Eemland', 'GGZ', 'H300', 'W2', 'MPT', '71,20', 'nee', 58, pct(0.958), ''],
  ['74110235', 'Forensisch Zorgcentrum Polderhof', 'GGZ', 'Z273', 'B7', 'Verblijf', 341.6, 'nee', 96, 95.8, ''],
  ['74110235', 'Forensisch Zorgcentrum Polderhof', 'GGZ', 'Z1007', '', '', 96.8, 'nee', 96, 95.8, ''],
  ['74110235', 'Forensisch Zorgcentrum Polderhof', 'GGZ', 'Z1008', '', '', euroText(142.6), 'nee', 96, 95.8, ''],
  ['74110235', 'Forensisch Zorgcentrum Polderhof', 'GGZ', 'Z889', '', '', 41.6, 'nee', 96, 95.8, ''],
  ['74110235', 'Forensisch Zorgcentrum Polderhof', 'GGZ', 'Z899', '', '', 10.35, 'nee', 96, 95.8, ''],
  ['74110342', 'Woonzorg Het Anker', 'ggz', 'Z1104', 'GGZ-W4', 'Verblijf', 254.7, 'nee', 37, '94,8%', ''],
  ['74110342', 'Woonzorg Het Anker', 'ggz', 'V1103', 'GGZ-W3', 'VPT', 203.15, 'nee', 37, '94,8%', ''],
  ['74110342', 'Woonzorg Het Anker', 'ggz', 'Z043', '', 'Verblijf', 214.6, 'nee', 37, '94,8%', ''],
  ['74110459', 'Herstelhuis De Brug', 'GGZ', 'Z1103', 'W3', 'Verblijf', 228.45, 'ja', 7, '', ''],
  ['74110459', 'Herstelhuis De Brug', 'GGZ', 'V1103', 'W3', 'VPT', 203.15, 'ja', 7, '', ''],
  ['04110566', 'Stichting Lichtpunt GGZ', 'GGZ', 'Z1105', 'GGZ-W5', 'Verblijf', 312.45, 'nee', 210, 95.8, '93,0%'],
  ['04110566', 'Stichting Lichtpunt GGZ', 'GGZ', 'Z1104', 'W4', 'Verblijf', 254.7, 'nee', 210, 95.8, pct(0.93)],
  ['04110566', 'Stichting Lichtpunt GGZ', 'GGZ', 'Z889', '', '', euroText(41.6), 'nee', 210, 95.8, ''],
];

const GGZ_NOTES = [
  'GGZ-W-codes Z1101–Z1105, V1103 en V1105 zijn verzonnen (de GGZ-W-prestaties staan niet in de codelijst van 2019); daarom zijn Zorgprofiel en Leveringsvorm altijd ingevuld.',
  'Z1007 en Z1008 (beveiligde zorg, 100%) bij Forensisch Zorgcentrum Polderhof.',
  'Z273 (ZZP 7 GGZ-B) met zorgprofiel B7: opslag W5/B7.',
  'V1105 (W5 via VPT) bij Stichting Kompas GGZ Wonen: W5-opslag én VPT-opslag; het beleid regelt de stapeling niet (signaal, parameter stapeling_profiel_leveringsvorm).',
  'Z1101/Z1102 (W1/W2 verblijf) bij GGZ Beschermd Wonen Eemland: afslag W1/W2 intramuraal.',
  'Z043 (ZZP 4VV) bij Woonzorg Het Anker met hoofdsector GGZ: sectorvreemde V&V-prestatie (parameter richttarief_vv).',
  'Woonzorg Het Anker had 94,8% vorig jaar (lager dan 95,8%): houdt dat percentage.',
  'Herstelhuis De Brug: nieuwe aanbieder met 7 Wlz-cliënten (signaal: minder dan 10).',
  'NHC/NIC: Z889 en Z899 (100% van het NZa-tarief).',
  'Stichting Lichtpunt GGZ: vrijwillig lager tariefpercentage 93%.',
];

// ---------------------------------------------------------------------------------------------------
// GZ 2017 (zn-gz-2017).

const GZ_COLUMNS = [
  COL.agb,
  COL.aanbieder,
  COL.code,
  COL.omschrijving,
  { ...COL.leveringsvorm, uitleg: 'ZZP, VPT, Behandeling, Dagbesteding of NHC; soms leeg.' },
  {
    header: 'NZa maximumtarief',
    width: 14,
    numFmt: MONEY,
    uitleg: 'Verzonnen maximumtarief per dag (ZZP/VPT, NHC), per uur (behandeling) of per dagdeel (dagbesteding); één keer als tekst.',
  },
  COL.nieuw,
  {
    header: 'Basistariefpercentage',
    width: 14,
    uitleg: 'Basistariefpercentage uit het regionale beleid; leeg = parameter richttarief. Gemengd als getal en als percentage. Veld basistariefpercentage.',
  },
  {
    header: 'Ontwikkelplan akkoord',
    width: 13,
    uitleg: 'ja als er overeenstemming is over een ontwikkelplan (voorwaarde voor opslag). Veld ontwikkelplanAkkoord.',
  },
  { header: 'Opslag ontwikkelplan', width: 13, uitleg: 'Toegekende opslag in procentpunten (0 tot en met 3). Veld opslagOntwikkelplan.' },
  {
    header: 'Contract onder voorwaarden',
    width: 14,
    uitleg: 'ja voor een nieuwe aanbieder die op de inschrijfdatum niet aan alle voorwaarden voldoet (geen opslag). Veld contractOnderVoorwaarden.',
  },
  { header: 'Zelfanalyse ingediend', width: 13, uitleg: 'ja als er een zelfanalyse is ingediend (geeft zelf geen opslag). Veld zelfanalyseIngediend.' },
  {
    header: 'Toestemming behandeling',
    width: 14,
    uitleg: 'ja als het zorgkantoor vooraf toestemming gaf voor behandeling (H330/H335) naast een ZZP/VPT excl. behandeling. Veld toestemmingBehandeling.',
  },
];

// [agb, aanbieder, code, leveringsvorm, max, nieuw, basis, ontwikkelplan, opslag, onder voorwaarden, zelfanalyse, toestemming]
const GZ_ROWS = [
  ['22440018', 'Stichting De Zonnehorst', 'Z441', 'ZZP', 168.4, 'nee', '', 'ja', 2, '', 'ja', ''],
  ['22440018', 'Stichting De Zonnehorst', 'Z456', 'ZZP', 205.3, 'nee', '', 'ja', 2, '', 'ja', ''],
  ['22440018', 'Stichting De Zonnehorst', 'Z461', 'ZZP', 216.75, 'nee', '', 'ja', 2, '', 'ja', ''],
  ['22440018', 'Stichting De Zonnehorst', 'V455', 'VPT', 186.2, 'nee', '', 'ja', 2, '', 'ja', ''],
  ['22440018', 'Stichting De Zonnehorst', 'H335', 'Behandeling', 118.7, 'nee', '', 'ja', 2, '', 'ja', 'ja'],
  ['22440018', 'Stichting De Zonnehorst', 'X484', 'NHC', 12.15, 'nee', '', '', '', '', '', ''],
  ['02440125', 'Gehandicaptenzorg Veluwezoom', 'Z443', '', 191.85, 'nee', 97, 'nee', 1, '', 'ja', ''],
  ['02440125', 'Gehandicaptenzorg Veluwezoom', 'Z457', '', euroText(236.4), 'nee', pct(0.97), 'nee', '', '', 'ja', ''],
  ['02440125', 'Gehandicaptenzorg Veluwezoom', 'H330', 'Behandeling', 92.4, 'nee', 97, 'nee', '', '', '', ''],
  ['22440232', 'Woonstichting De Brink', 'Z643', 'ZZP', 252.9, 'nee', '', 'ja', '1,5', '', '', ''],
  ['22440232', 'Woonstichting De Brink', 'Z653', 'ZZP', 281.35, 'nee', '', 'ja', 3, '', '', ''],
  ['22440349', 'Stichting Zicht op Zelfstandigheid', 'Z833', 'ZZP', 231.6, 'nee', 96.5, 'ja', 1, '', '', ''],
  ['22440349', 'Stichting Zicht op Zelfstandigheid', 'Z723', 'ZZP', 199.75, 'nee', 96.5, 'ja', 1, '', '', ''],
  ['02440456', 'Kleinschalig Wonen De Parel BV', 'Z441', 'ZZP', 168.4, 'ja', '', 'ja', 1, 'ja', '', ''],
  ['02440456', 'Kleinschalig Wonen De Parel BV', 'V441', 'VPT', 151.25, 'ja', '', 'ja', 1, 'ja', '', ''],
  ['22440563', 'Zorgboerderij De Hooiberg', 'H811', 'Dagbesteding', 38.9, 'nee', '', 'nee', '', '', 'ja', ''],
];

const GZ_NOTES = [
  'Stichting De Zonnehorst: ontwikkelplan akkoord met 2 procentpunt opslag; H335 (behandeling SO) met toestemming; X484 is NHC (percentage_nhc_nic zelf invullen).',
  'Gehandicaptenzorg Veluwezoom: opslag 1 zonder ontwikkelplan (mag niet: geen opslag), basistariefpercentage per rij (97 en 0,97 als percentage), H330 (behandeling paramedisch) zonder toestemming.',
  'Kleinschalig Wonen De Parel BV: nieuwe aanbieder met contract onder voorwaarden en toch een opslag ingevuld (geen opslag).',
  'Woonstichting De Brink (LG) en Stichting Zicht op Zelfstandigheid (ZG visueel en auditief).',
  'Zorgboerderij De Hooiberg: dagbesteding H811 met alleen een zelfanalyse.',
];

// ---------------------------------------------------------------------------------------------------
// Writing.

function newWorkbook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tariefwijzer voorbeeldgenerator';
  wb.lastModifiedBy = 'Tariefwijzer voorbeeldgenerator';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  wb.calcProperties.fullCalcOnLoad = false;
  return wb;
}

function setCell(cell, v, numFmt) {
  if (v === null || v === undefined || v === '') return;
  if (typeof v === 'object' && !(v instanceof Date)) {
    cell.value = v.value;
    cell.numFmt = v.numFmt;
    return;
  }
  // Strings are plain strings in exceljs (a formula needs { formula }), so "=WoonZorg" stays text.
  cell.value = v;
  if (numFmt && typeof v === 'number') cell.numFmt = numFmt;
  if (numFmt === TEXT && typeof v === 'string') cell.numFmt = TEXT;
}

/** Title in A1, empty row 2, header row 3, data from row 4. `rows` hold values in column order; null = empty row. */
function writeTable(ws, title, columns, rows) {
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { bold: true, size: 13 };
  const header = ws.getRow(3);
  columns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.header;
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
    ws.getColumn(i + 1).width = col.width;
  });
  rows.forEach((values, r) => {
    if (!values) return;
    if (values.length !== columns.length) throw new Error(`make-examples: ${ws.name} row ${4 + r} has ${values.length} cells for ${columns.length} columns`);
    const row = ws.getRow(4 + r);
    values.forEach((v, c) => setCell(row.getCell(c + 1), v, columns[c].numFmt));
  });
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 3 }];
}

function vvColumns(sheet) {
  return [
    COL.agb,
    COL.aanbieder,
    COL.code,
    COL.omschrijving,
    COL.leveringsvorm,
    COL.nieuw,
    ...(sheet.pct2023 ? [COL.pct2023] : []),
    ...sheet.extra.map((k) => COL[k]),
    COL.gecontracteerd,
  ];
}

/** Row spec [agb, aanbieder, code, leveringsvorm, ...rest] → cells in column order (omschrijving inserted). */
function vvRow(spec) {
  if (!spec) return null;
  const [agb, aanbieder, code, leveringsvorm, ...rest] = spec;
  const omschrijving = code === 'Z045' ? 'Per dag ZZP 4VV excl.BH excl.DB' : description(code);
  return [agb, aanbieder, code, omschrijving, leveringsvorm, ...rest];
}

function vvCodesUsed() {
  const codes = new Set();
  for (const s of VV_SHEETS) for (const r of s.rows) if (r && !VV_PROBLEM_CODES.includes(r[2])) codes.add(r[2]);
  for (const c of codes) if (!VV_TARIFFS[c]) throw new Error(`make-examples: no example tariff for ${c}`);
  return [...codes].sort();
}

function buildVV() {
  const wb = newWorkbook();
  for (const sheet of VV_SHEETS) {
    const columns = vvColumns(sheet);
    const rows = sheet.rows.map(vvRow);
    writeTable(wb.addWorksheet(sheet.name), sheet.title, columns, rows);
  }
  const ws = wb.addWorksheet('NZa tarieven');
  const columns = [{ ...COL.code }, { ...COL.omschrijving }, { header: 'NZa maximumtarief', width: 16, numFmt: MONEY }, { header: 'Eenheid', width: 14 }];
  const rows = vvCodesUsed().map((c) => [c, description(c), VV_TARIFFS[c][0], VV_TARIFFS[c][1]]);
  writeTable(ws, TARIFF_NOTE, columns, rows);
  ws.getCell('A1').font = { bold: true, size: 13, color: { argb: 'FFC00000' } };
  return wb;
}

function buildGGZ() {
  const wb = newWorkbook();
  const rows = GGZ_ROWS.map(([agb, naam, sector, code, ...rest]) => [agb, naam, sector, code, ggzDescription(code), ...rest]);
  writeTable(
    wb.addWorksheet('Aanbieders GGZ'),
    'Inkoop Wlz GGZ 2025 — Zilveren Kruis Zorgkantoor, overzicht aanbieders (VOORBEELD, verzonnen tarieven)',
    GGZ_COLUMNS,
    rows,
  );
  return wb;
}

function buildGZ() {
  const wb = newWorkbook();
  const rows = GZ_ROWS.map(([agb, naam, code, ...rest]) => [agb, naam, code, description(code), ...rest]);
  writeTable(wb.addWorksheet('GZ 2017'), 'Inkoop Wlz 2017 gehandicaptenzorg — prestaties per aanbieder (VOORBEELD, verzonnen tarieven)', GZ_COLUMNS, rows);
  return wb;
}

// ---------------------------------------------------------------------------------------------------
// Zip timestamps. JSZip stamps every entry with the current time; overwrite them with a fixed DOS date so
// the bytes only depend on the content. The CRCs do not cover the timestamps, so nothing else changes.

function fixZipTimestamps(buf) {
  const dosTime = 0; // 00:00:00
  const dosDate = ((2024 - 1980) << 9) | (1 << 5) | 2; // 2024-01-02
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('make-examples: no zip end-of-central-directory record');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('make-examples: bad zip central directory');
    buf.writeUInt16LE(dosTime, p + 12);
    buf.writeUInt16LE(dosDate, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error('make-examples: bad zip local header');
    buf.writeUInt16LE(dosTime, local + 10);
    buf.writeUInt16LE(dosDate, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return buf;
}

async function save(wb, file) {
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  fs.writeFileSync(file, fixZipTimestamps(buf));
}

// ---------------------------------------------------------------------------------------------------
// README (Dutch, for users).

function columnTable(columns) {
  return ['| Kolom | Inhoud |', '|---|---|', ...columns.map((c) => `| ${c.header} | ${c.uitleg || ''} |`)].join('\n');
}

const VV_ADVICE = {
  'zk-vv-2024': {
    sets: ['percentage_nieuwe_aanbieder=93', 'zzp4_intramuraal_uitsluiten=nee'],
    tekst:
      '`percentage_nieuwe_aanbieder` heeft geen standaardwaarde: zonder deze parameter krijgen de rijen van +Zorg Thuis BV een signaal in plaats van een tarief. `percentage_essentiele_voorzieningen` staat standaard op 96,0%.',
  },
  'vgz-vv-2024': {
    sets: ['opslag_regionale_tafels=0,5', 'opslag_mpt=1'],
    tekst: 'De opslagen voor de regionale tafels en voor MPT hebben geen standaardwaarde (de tabel noemt geen getal); de getallen hierboven zijn voorbeelden.',
  },
  'menzis-vv-2024': {
    sets: ['toeslagen_vpt_mpt_menzis=ja'],
    tekst:
      'Standaard krijgen VPT (+0,4) en MPT (+3,5) bij specifieke plannen een toeslag; kies `toeslagen_vpt_mpt_menzis=nee` als die toeslagen bij VGZ horen.',
  },
  'cz-vv-2024': {
    sets: ['stapeling_cz_opslagen=ja'],
    tekst: 'Met `stapeling_cz_opslagen=nee` telt maar één van de opslagen technologie en bewegingen en doelen.',
  },
  'salland-vv-2024': {
    sets: ['richttarief=95,5'],
    tekst: 'Geen parameter verplicht; `richttarief` alleen aanpassen als het richttarief later is herzien.',
  },
  'dsw-vv-2024': {
    sets: ['basis_monitor=tariefpercentage_2023', 'percentage_nieuwe_aanbieder=91'],
    tekst:
      'Standaard telt de monitoruitkomst op het eigen tariefpercentage 2023 (kolom Tariefpercentage 2023), met een maximum van 97,5% (Stichting Oostland Wonen: 97% + 1 wordt begrensd op 97,5%); met `basis_monitor=richttarief` telt hij op 95,5%. Thuiszorg Lansingerland BV is nieuw en krijgt 91%.',
  },
  'zz-vv-2024': {
    sets: ['percentage_nieuwe_aanbieder=93,5'],
    tekst:
      '`percentage_nieuwe_aanbieder` heeft geen standaardwaarde (de tabel noemt geen percentage); zonder deze parameter krijgen de rijen van Thuishulp Leiden BV een signaal.',
  },
};

function command(file, policy, sheet, sets) {
  const parts = ['npx tariefwijzer annotate', `examples/${file}`, `--policy ${policy}`];
  if (sheet) parts.push(`--sheet "${sheet}"`);
  for (const s of sets) parts.push(`--set ${s}`);
  return parts.join(' ');
}

function buildReadme() {
  const out = [];
  out.push('# Voorbeeldwerkmappen Tariefwijzer');
  out.push('');
  out.push(
    '> **Let op: alle namen van zorgaanbieders, alle AGB-codes en alle NZa-maximumtarieven in deze bestanden zijn VERZONNEN voorbeeldwaarden.** Het zijn géén echte NZa-tarieven en géén echte zorgaanbieders. Gebruik ze alleen om Tariefwijzer uit te proberen. De prestatiecodes komen uit de Vektis-prestatiecodelijst (2019), behalve de GGZ-W-codes in het GGZ-voorbeeld, die ook verzonnen zijn.',
  );
  out.push('');
  out.push(
    'De bestanden worden gemaakt met `node scripts/make-examples.js` (of `node scripts/make-examples.js MAP` voor een andere map). Het script is deterministisch: twee keer draaien geeft dezelfde bestanden.',
  );
  out.push('');
  out.push(
    'Elk blad heeft dezelfde opbouw: een titel in A1, een lege rij, de kopregel in rij 3 en de gegevens vanaf rij 4. Tariefwijzer vindt de kopregel zelf. De kolomkoppen voor de beleidskenmerken zijn het label of een alias uit de `fields` van het beleidspakket (`src/policies/<id>.json`).',
  );
  out.push('');
  out.push(
    'Tariefwijzer schrijft een nieuw bestand (`…-tariefwijzer.xlsx`) naast de invoer; de voorbeelden zelf blijven ongewijzigd. Kies het blad met `--sheet` en het beleid met `--policy`; parameters zet u met `--set naam=waarde` (`npx tariefwijzer policies` toont alle parameters met hun standaardwaarden). In een kopie van de broncode bouwt u de opdrachtregel eerst met `npm run build:cli`.',
  );
  out.push('');

  out.push('## 1. `vv-2024-zorgkantoren.xlsx` — V&V 2024, zeven zorgkantoren');
  out.push('');
  const counts = VV_SHEETS.map((sh) => sh.rows.filter(Boolean).length);
  out.push(
    `Eén blad per zorgkantoor met ${Math.min(...counts)} tot ${Math.max(...counts)} rijen, en het blad **NZa tarieven** met de (verzonnen) maximumtarieven van alle gebruikte prestatiecodes. De zorgkantoorbladen hebben zelf geen kolom NZa maximumtarief: Tariefwijzer zoekt het maximumtarief per prestatiecode op in het blad NZa tarieven. In rij 1 van dat blad staat: "${TARIFF_NOTE}".`,
  );
  out.push('');
  out.push('| Blad | Beleid (`--policy`) | Kolommen voor het beleid | Zinvolle `--set` |');
  out.push('|---|---|---|---|');
  for (const s of VV_SHEETS) {
    const extra = [...(s.pct2023 ? ['pct2023'] : []), ...s.extra].map((k) => COL[k].header).join(', ');
    out.push(`| ${s.name} | \`${s.policy}\` | ${extra} | ${VV_ADVICE[s.policy].sets.map((x) => '`' + x + '`').join(' ')} |`);
  }
  out.push('');
  out.push('Kolommen op de zorgkantoorbladen (in deze volgorde; de beleidskolommen verschillen per blad):');
  out.push('');
  const allVV = [COL.agb, COL.aanbieder, COL.code, COL.omschrijving, COL.leveringsvorm, COL.nieuw, COL.pct2023];
  const extraKeys = [];
  for (const s of VV_SHEETS) for (const k of s.extra) if (!extraKeys.includes(k)) extraKeys.push(k);
  out.push(columnTable([...allVV, ...extraKeys.map((k) => COL[k]), COL.gecontracteerd]));
  out.push('');
  out.push(
    'Tariefpercentage 2023 staat alleen op het blad DSW (de DSW-monitor telt op het eigen percentage 2023). Gecontracteerd tarief is bij enkele rijen ingevuld: soms precies 95,5% (of het afgesproken percentage) van het maximumtarief, soms een ander bedrag.',
  );
  out.push('');
  out.push('Blad NZa tarieven:');
  out.push('');
  out.push(
    columnTable([
      { header: 'Prestatiecode', uitleg: 'Elke prestatiecode die op de zorgkantoorbladen staat (behalve de bewust foute codes).' },
      { header: 'Omschrijving', uitleg: 'Omschrijving uit de Vektis-prestatiecodelijst.' },
      {
        header: 'NZa maximumtarief',
        uitleg: 'VERZONNEN maximumtarief in euro (ZZP/VPT per dag € 150–350, MPT per uur € 60–90, NHC/NIC per dag € 10–20, dagbesteding per dagdeel).',
      },
      { header: 'Eenheid', uitleg: 'per dag, per uur of per dagdeel.' },
    ]),
  );
  out.push('');
  out.push('Voorbeeldopdrachten:');
  out.push('');
  out.push('```sh');
  for (const s of VV_SHEETS) out.push(command('vv-2024-zorgkantoren.xlsx', s.policy, s.name, VV_ADVICE[s.policy].sets));
  out.push('```');
  out.push('');
  for (const s of VV_SHEETS) out.push(`- **${s.name}** (\`${s.policy}\`): ${VV_ADVICE[s.policy].tekst}`);
  out.push('');
  out.push('Bewuste problemen (zoals in echte bladen), die Tariefwijzer moet melden of goed moet afhandelen:');
  out.push('');
  for (const p of VV_PROBLEMS) out.push(`- ${p.sheet}: ${p.wat} — ${p.waarom}`);
  out.push('');

  out.push('## 2. `ggz-2025-zilveren-kruis.xlsx` — GGZ 2025, Zilveren Kruis');
  out.push('');
  out.push(
    `Blad **Aanbieders GGZ** met ${GGZ_ROWS.length} rijen. Beleid: \`--policy zk-ggz-2025\`. Hier staat het (verzonnen) NZa-maximumtarief in de rij zelf.`,
  );
  out.push('');
  out.push(columnTable(GGZ_COLUMNS));
  out.push('');
  out.push(
    'Parameters: het tariefpercentage zorg GGZ 2025 (`richttarief`) en het V&V-richttarief voor sectorvreemde V&V-prestaties (`richttarief_vv`) hebben geen standaardwaarde en moeten worden ingevuld; zonder `richttarief` berekent Tariefwijzer geen tarieven. Het getal voor `richttarief` hieronder is een voorbeeld.',
  );
  out.push('');
  out.push('```sh');
  out.push(command('ggz-2025-zilveren-kruis.xlsx', 'zk-ggz-2025', '', ['richttarief=96', 'richttarief_vv=95,5']));
  out.push('```');
  out.push('');
  out.push(
    'Optioneel: `--set stapeling_profiel_leveringsvorm=ja` (W5/B7-opslag en VPT/MPT-opslag optellen), `--set percentage_gz=95,5` (sectorvreemde GZ-prestaties), `--set z1007_z1008_voor_nieuw_en_lager=ja`.',
  );
  out.push('');
  out.push('Wat in dit blad zit:');
  out.push('');
  for (const n of GGZ_NOTES) out.push(`- ${n}`);
  out.push('');

  out.push('## 3. `gz-2017-inkoopkader.xlsx` — gehandicaptenzorg 2017, landelijk inkoopkader');
  out.push('');
  out.push(
    `Blad **GZ 2017** met ${GZ_ROWS.length} rijen (VG, LG, ZG, behandeling, dagbesteding, NHC). Beleid: \`--policy zn-gz-2017\`. Het NZa-maximumtarief staat in de rij zelf.`,
  );
  out.push('');
  out.push(columnTable(GZ_COLUMNS));
  out.push('');
  out.push(
    'Parameters: het basistariefpercentage (`richttarief`) staat in het regionale beleid van het zorgkantoor en heeft geen standaardwaarde; rijen zonder eigen Basistariefpercentage krijgen zonder deze parameter geen tarief. Ook `percentage_nhc_nic` is leeg (het kader zegt niets over NHC/NIC). De getallen hieronder zijn voorbeelden.',
  );
  out.push('');
  out.push('```sh');
  out.push(command('gz-2017-inkoopkader.xlsx', 'zn-gz-2017', '', ['richttarief=96', 'percentage_nhc_nic=100']));
  out.push('```');
  out.push('');
  out.push('Wat in dit blad zit:');
  out.push('');
  for (const n of GZ_NOTES) out.push(`- ${n}`);
  out.push('');
  out.push('---');
  out.push('');
  out.push(
    'Nogmaals: alle zorgaanbieders, AGB-codes en NZa-maximumtarieven hierin zijn verzonnen voorbeeldwaarden, geen echte NZa-tarieven. Gebruik voor echte berekeningen de tarieven uit de actuele NZa-tariefbeschikking.',
  );
  out.push('');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------

const FILES = {
  'vv-2024-zorgkantoren.xlsx': buildVV,
  'ggz-2025-zilveren-kruis.xlsx': buildGGZ,
  'gz-2017-inkoopkader.xlsx': buildGZ,
};

async function main(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, build] of Object.entries(FILES)) {
    await save(build(), path.join(outDir, name));
    console.log(`Geschreven: ${path.join(outDir, name)}`);
  }
  fs.writeFileSync(path.join(outDir, 'README.md'), buildReadme());
  console.log(`Geschreven: ${path.join(outDir, 'README.md')}`);
}

module.exports = { VV_SHEETS, VV_PROBLEM_CODES, VV_TARIFFS, main, save, newWorkbook, FIXED_DATE };

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] || path.join(ROOT, 'examples'));
  main(outDir).catch((e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  });
}
