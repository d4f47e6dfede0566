#!/usr/bin/env node
/*
 * Writes the aanvraagformulier template for herberekening tariefpercentage and hardheidsclausule, seven
 * filled-in example workbooks and a Dutch README into examples/aanvragen/ (or the folder given as argument):
 *
 *   aanvraagformulier-sjabloon.xlsx  the empty template (labels in column A, values in column B)
 *   aanvraag-volledig.xlsx           herberekening, complete and on time; the assessor judged "niet reëel"
 *   aanvraag-onvolledig.xlsx         herberekening without bestuursverklaring and exploitatie figures
 *   aanvraag-inconsistent.xlsx       sums, a percentage and dates that do not fit; received after the deadline
 *   aanvraag-beide.xlsx              herberekening and hardheidsclausule at the same time, on a form whose
 *                                    rows and columns were moved (labels in B, values in D)
 *   aanvraag-met-declaraties.xlsx    the complete form behind a sheet "Declaraties 2025" whose column headers are
 *                                    also labels of the form (a table, not a form)
 *   aanvraag-twee-formulieren.xlsx   two providers' forms in one workbook, each with its assessor's sheet
 *   aanvraag-agb-onleesbaar.xlsx     the complete form with an AGB-code of 7 digits
 *
 * Tariefwijzer finds every value by its label (src/domain/assessments/fields.ts), so rows and columns may move.
 * All names, AGB-codes and amounts are invented. Deterministic: no clock, fixed zip timestamps.
 *
 * Usage: node scripts/make-aanvraag-examples.js [outDir]
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

// The same fixed dates and zip-stable save as the other example generators: the bytes depend on content only.
const { newWorkbook, save } = require('./make-examples');
const MONEY = '"€" #,##0.00';
const PERCENT = '0.0%';
const DATE = 'd-m-yyyy';
const day = (d, m, y) => new Date(Date.UTC(y, m - 1, d));

// ---------------------------------------------------------------------------------------------------
// The template: sections of [label, uitleg, kind]. kind: text | date | pct | money | ja/nee.

const SECTIONS = [
  [
    '1. Gegevens zorgaanbieder',
    [
      ['AGB-code', '8 cijfers, als tekst', 'agb'],
      ['Zorgaanbieder', 'statutaire naam', 'text'],
      ['Zorgkantoor', '', 'text'],
      ['Inkoopjaar', '', 'int'],
      ['Nieuwe aanbieder', 'ja als u voor het eerst een overeenkomst met het zorgkantoor sluit', 'ja/nee'],
      ['Aantal Wlz-cliënten', 'op het moment van inschrijving', 'int'],
    ],
  ],
  [
    '2. Aanvraag',
    [
      ['Verzoek herberekening tariefpercentage', 'ja/nee — §6.9.5', 'ja/nee'],
      ['Beroep op hardheidsclausule', 'ja/nee — §2.7 en §6.9.6; bij beide: beide tegelijk indienen', 'ja/nee'],
      ['Datum ontvangst', 'in te vullen door het zorgkantoor: de dag waarop de aanvraag binnenkwam', 'date'],
      ['Contact met zorginkoper gehad', 'alleen hardheidsclausule', 'ja/nee'],
      ['Onderwerp vermeldt hardheidsclausule', 'alleen hardheidsclausule: de term "hardheidsclausule" in het onderwerp', 'ja/nee'],
    ],
  ],
  [
    '3. Tariefpercentage en omzet (herberekening: met het lagere tariefpercentage)',
    [
      ['Lager tariefpercentage', 'het met u afgesproken (lagere) tariefpercentage 2023', 'pct'],
      ['Tariefpercentage sector', 'het voor de sector/prestatie geldende tariefpercentage (bijlage 8)', 'pct'],
      ['Wlz-omzet huidig tariefpercentage', 'totaal van de tabel hieronder', 'money'],
      ['Kostendekkend tariefpercentage', 'optioneel; anders berekent Tariefwijzer het: lager % × totale kosten / opbrengsten', 'pct'],
    ],
  ],
  [
    '4. Wlz-exploitatie (begroting inkoopjaar)',
    [
      ['Wlz-opbrengsten', '', 'money'],
      ['Personeelskosten', '', 'money'],
      ['Overige kosten', '', 'money'],
      ['Totale kosten Wlz', 'personeelskosten + overige kosten', 'money'],
      ['Resultaat Wlz-exploitatie', 'opbrengsten − totale kosten', 'money'],
    ],
  ],
  [
    '5. Financiële positie (laatste jaarrekening)',
    [
      ['Eigen vermogen', '', 'money'],
      ['Financiële reserves', '', 'money'],
    ],
  ],
  [
    '6. Hardheidsclausule (alleen bij een beroep op de hardheidsclausule)',
    [
      ['Tariefpercentage formulier hardheidsclausule', 'het voor de prestatie geldende tariefpercentage', 'pct'],
      ['Omzet formulier hardheidsclausule', 'de omzet bij dat percentage', 'money'],
    ],
  ],
  [
    '7. Bijlagen',
    [
      ['Bestuursverklaring', 'ja/nee — verplicht bij herberekening', 'ja/nee'],
      ['Datum ondertekening bestuursverklaring', '', 'date'],
      ['Aanvullende documenten (op verzoek)', 'ja/nee — jaarrekeningen, begrotingen, liquiditeitsprognoses als het zorgkantoor ze vraagt', 'ja/nee'],
    ],
  ],
];

const TABLE_TITLE = 'Omzet per prestatie (herberekening)';
const TABLE_HEADER = ['Prestatiecode', 'Volume', 'NZa maximumtarief', 'Tariefpercentage', 'Omzet'];

const CRITERIA = [
  ['Herberekening: doelmatige zorgverlening aangetoond', 'herberekening'],
  ['Herberekening: huidig tariefpercentage niet kostendekkend', 'herberekening'],
  ['Onvoorzien en onredelijk benadelend gevolg', 'hardheidsclausule'],
  ['Doelmatige zorgverlening aangetoond', 'hardheidsclausule'],
  ['Geldend tariefpercentage niet kostendekkend', 'hardheidsclausule'],
  ['Geen operationele verbeteringen meer mogelijk', 'hardheidsclausule'],
  ['Eigen vermogen ontoereikend', 'hardheidsclausule'],
  ['Financiële reserves ontoereikend', 'hardheidsclausule'],
  ['Zorgplicht weegt voor toepassing', 'hardheidsclausule'],
  ['Perspectief voor de langere termijn', 'hardheidsclausule'],
];

function setValue(cell, kind, v) {
  if (v === undefined || v === null) return;
  if (v && typeof v === 'object' && 'sumOf' in v) return; // filled in once every label has its cell
  cell.value = v;
  if (kind === 'money' && typeof v === 'number') cell.numFmt = MONEY;
  if (kind === 'pct' && typeof v === 'number') cell.numFmt = PERCENT;
  if (kind === 'date' && v instanceof Date) cell.numFmt = DATE;
}

const SHEETS = { form: 'Aanvraagformulier', review: 'Beoordeling zorgkantoor' };

/**
 * One form on two sheets (`sheets`: the form and the assessor's sheet), added to `wb`. `values` maps label → value; `opts.col` is the label column (1 = A), values stand two columns
 * further when `opts.gap` (moved layout); `opts.extraRows` inserts blank rows between sections; `opts.rename`
 * replaces labels (e.g. one date per route).
 */
function buildForm({ title, values = {}, table = [], criteria = {}, reeel, opts = {} }, wb = newWorkbook(), sheets = SHEETS) {
  const ws = wb.addWorksheet(sheets.form);
  const lc = opts.col ?? 1;
  const vc = lc + (opts.gap ? 2 : 1);
  ws.getColumn(lc).width = 46;
  ws.getColumn(vc).width = 22;
  const addr = {};
  let r = 1;
  ws.getCell(r, lc).value = title;
  ws.getCell(r, lc).font = { bold: true, size: 14 };
  r++;
  ws.getCell(r, lc).value = 'Zilveren Kruis Zorgkantoor — Wlz GGZ 2025. VOORBEELD: alle namen, AGB-codes en bedragen zijn verzonnen.';
  r++;
  ws.getCell(r, lc).value =
    'Vul de waarde in naast elk label. Tariefwijzer zoekt waarden op hun label: rijen en kolommen mogen verschuiven, labels niet wijzigen.';
  ws.getCell(r, lc).font = { italic: true };
  r++;
  ws.getCell(r, lc).value = 'Uitleg per veld: zie de opmerking bij het label.';
  ws.getCell(r, lc).font = { italic: true };
  r += 2;
  for (const [section, rows] of SECTIONS) {
    ws.getCell(r, lc).value = section;
    ws.getCell(r, lc).font = { bold: true, size: 12 };
    r++;
    for (const [label0, uitleg, kind] of rows) {
      const labels = opts.rename?.[label0] ?? [label0];
      for (const label of labels) {
        ws.getCell(r, lc).value = label;
        setValue(ws.getCell(r, vc), kind, values[label]);
        if (kind === 'agb') ws.getCell(r, vc).numFmt = '@';
        // The explanation is a note on the label, never a cell: the reader takes the first filled cell
        // right of a label as its value, so text there would be read as the value of an empty field.
        if (uitleg) ws.getCell(r, lc).note = uitleg;
        addr[label] = ws.getCell(r, vc).address;
        r++;
      }
    }
    if (section.startsWith('3.')) {
      r++;
      ws.getCell(r, lc).value = TABLE_TITLE;
      ws.getCell(r, lc).font = { bold: true };
      r++;
      TABLE_HEADER.forEach((h, i) => {
        const c = ws.getCell(r, lc + i);
        c.value = h;
        c.font = { bold: true };
      });
      r++;
      const lines = table.length
        ? table
        : [
            ['', null, null, null, null],
            ['', null, null, null, null],
            ['', null, null, null, null],
          ];
      for (const line of lines) {
        line.forEach((v, i) => setValue(ws.getCell(r, lc + i), [null, 'int', 'money', 'pct', 'money'][i], v));
        r++;
      }
      ws.getCell(r, lc).value = 'Totaal';
      ws.getCell(r, lc).font = { bold: true };
      r++;
    }
    r += 1 + (opts.extraRows ?? 0);
  }

  // Totals the provider's own sheet would compute: a formula over the cells of the labels, with its result.
  for (const [label, v] of Object.entries(values)) {
    if (v && typeof v === 'object' && 'sumOf' in v) {
      const cell = ws.getCell(addr[label]);
      cell.value = { formula: `${v.sumOf.map((l) => addr[l]).join('+')}`, result: v.result };
      cell.numFmt = MONEY;
    }
  }

  const bs = wb.addWorksheet(sheets.review);
  bs.getColumn(1).width = 58;
  bs.getColumn(2).width = 16;
  bs.getColumn(3).width = 80;
  bs.getCell('A1').value = 'Beoordeling door het zorgkantoor (in te vullen door de beoordelaar)';
  bs.getCell('A1').font = { bold: true, size: 13 };
  bs.getCell('A2').value = 'Per criterium: oordeel ja (aangetoond) of nee, en de onderbouwing met het bewijs. Een ja zonder onderbouwing telt niet mee.';
  bs.getCell('A2').font = { italic: true };
  ['Criterium', 'Oordeel (ja/nee)', 'Onderbouwing / bewijs'].forEach((h, i) => {
    bs.getCell(4, i + 1).value = h;
    bs.getCell(4, i + 1).font = { bold: true };
  });
  let q = 5;
  for (const [label] of CRITERIA) {
    bs.getCell(q, 1).value = label;
    const c = criteria[label];
    if (c) {
      if (c[0] !== undefined) bs.getCell(q, 2).value = c[0];
      if (c[1]) bs.getCell(q, 3).value = c[1];
    }
    q++;
  }
  q++;
  bs.getCell(q, 1).value = 'Lager tarief is reëel';
  bs.getCell(q, 1).note = 'ja = lager tarief handhaven; nee = niet reëel, aanpassen tot maximaal het tariefpercentage van de sector';
  if (reeel) bs.getCell(q, 2).value = reeel[0];
  q++;
  bs.getCell(q, 1).value = 'Onderbouwing oordeel reëel';
  if (reeel && reeel[1]) bs.getCell(q, 2).value = reeel[1];
  return wb;
}

// ---------------------------------------------------------------------------------------------------
// The examples. Table: volume × NZa-maximumtarief × 92% = omzet; 460.000 + 276.000 + 184.000 = 920.000.

const TABLE_92 = [
  ['Z1103', 2000, 250, 0.92, 460000],
  ['Z1105', 1500, 200, 0.92, 276000],
  ['H153', 2000, 100, 0.92, 184000],
];

const COMPLETE = {
  title: 'Aanvraagformulier herberekening tariefpercentage en hardheidsclausule Wlz 2025',
  values: {
    'AGB-code': '12345678',
    Zorgaanbieder: 'GGZ De Linde (voorbeeld)',
    Zorgkantoor: 'Zilveren Kruis',
    Inkoopjaar: 2025,
    'Nieuwe aanbieder': 'nee',
    'Aantal Wlz-cliënten': 64,
    'Verzoek herberekening tariefpercentage': 'ja',
    'Beroep op hardheidsclausule': 'nee',
    'Datum ontvangst': day(20, 9, 2024),
    'Lager tariefpercentage': 0.92,
    'Tariefpercentage sector': 0.973,
    'Wlz-omzet huidig tariefpercentage': 920000,
    'Wlz-opbrengsten': 920000,
    Personeelskosten: 736000,
    'Overige kosten': 230000,
    'Totale kosten Wlz': { sumOf: ['Personeelskosten', 'Overige kosten'], result: 966000 },
    'Resultaat Wlz-exploitatie': -46000,
    'Eigen vermogen': 85000,
    'Financiële reserves': 20000,
    Bestuursverklaring: 'ja',
    'Datum ondertekening bestuursverklaring': day(18, 9, 2024),
    'Aanvullende documenten (op verzoek)': 'nee',
  },
  table: TABLE_92,
  criteria: {
    'Herberekening: doelmatige zorgverlening aangetoond': ['ja', 'Kosten per cliënt 4% onder de benchmark GGZ-W (bijlage 2 bij de aanvraag)'],
    'Herberekening: huidig tariefpercentage niet kostendekkend': ['ja', 'Begroting 2025 sluit met € 46.000 tekort op de Wlz-exploitatie'],
  },
  reeel: ['nee', 'Tekort blijkt uit begroting en jaarrekening 2023; kostendekkend bij 96,6%'],
};

const INCOMPLETE = {
  title: 'Aanvraagformulier herberekening tariefpercentage en hardheidsclausule Wlz 2025',
  values: {
    'AGB-code': '23456781',
    Zorgaanbieder: "Zorgboerderij 't Veld (voorbeeld)",
    Zorgkantoor: 'Zilveren Kruis',
    Inkoopjaar: 2025,
    'Nieuwe aanbieder': 'nee',
    'Aantal Wlz-cliënten': 22,
    'Verzoek herberekening tariefpercentage': 'ja',
    'Beroep op hardheidsclausule': 'nee',
    'Datum ontvangst': day(24, 9, 2024),
    'Lager tariefpercentage': '93,5%',
    'Tariefpercentage sector': '97,3%',
    'Wlz-omzet huidig tariefpercentage': 410000,
    Personeelskosten: 330000,
    'Overige kosten': 95000,
    Bestuursverklaring: 'nee',
  },
};

const INCONSISTENT = {
  title: 'Aanvraagformulier herberekening tariefpercentage en hardheidsclausule Wlz 2025',
  values: {
    'AGB-code': '34567812',
    Zorgaanbieder: 'Stichting Horizon Beschermd Wonen (voorbeeld)',
    Zorgkantoor: 'Zilveren Kruis',
    Inkoopjaar: 2025,
    'Nieuwe aanbieder': 'nee',
    'Aantal Wlz-cliënten': 48,
    'Verzoek herberekening tariefpercentage': 'ja',
    'Beroep op hardheidsclausule': 'nee',
    'Datum ontvangst': day(27, 9, 2024),
    'Lager tariefpercentage': 0.92,
    'Tariefpercentage sector': 973,
    'Wlz-omzet huidig tariefpercentage': 950000,
    'Wlz-opbrengsten': 920000,
    Personeelskosten: 736000,
    'Overige kosten': 230000,
    'Totale kosten Wlz': 956000,
    'Resultaat Wlz-exploitatie': -46000,
    Bestuursverklaring: 'ja',
    'Datum ondertekening bestuursverklaring': day(30, 9, 2024),
  },
  table: [
    ['Z1103', 2000, 250, 0.92, 460000],
    ['Z1105', 1500, 200, 0.92, 267000],
    ['H153', 2000, 100, 0.92, 184000],
  ],
};

const BOTH = {
  title: 'Aanvraagformulier herberekening tariefpercentage en hardheidsclausule Wlz 2025',
  values: {
    'AGB-code': '45678123',
    Zorgaanbieder: 'GGZ Het Anker (voorbeeld)',
    Zorgkantoor: 'Zilveren Kruis',
    Inkoopjaar: 2025,
    'Nieuwe aanbieder': 'nee',
    'Aantal Wlz-cliënten': 37,
    'Verzoek herberekening tariefpercentage': 'ja',
    'Beroep op hardheidsclausule': 'ja',
    'Datum ontvangst herberekening': day(6, 9, 2024),
    'Datum ontvangst hardheidsclausule': day(6, 9, 2024),
    'Contact met zorginkoper gehad': 'ja',
    'Onderwerp vermeldt hardheidsclausule': 'ja',
    'Lager tariefpercentage': 0.92,
    'Tariefpercentage sector': 0.973,
    'Wlz-omzet huidig tariefpercentage': 920000,
    'Wlz-opbrengsten': 920000,
    Personeelskosten: 760000,
    'Overige kosten': 240000,
    'Totale kosten Wlz': 1000000,
    'Resultaat Wlz-exploitatie': -80000,
    'Eigen vermogen': 15000,
    'Financiële reserves': 0,
    'Tariefpercentage formulier hardheidsclausule': 0.973,
    'Omzet formulier hardheidsclausule': 973000,
    Bestuursverklaring: 'ja',
    'Datum ondertekening bestuursverklaring': day(5, 9, 2024),
    'Aanvullende documenten (op verzoek)': 'ja',
  },
  table: TABLE_92,
  criteria: {
    'Herberekening: doelmatige zorgverlening aangetoond': ['ja', 'Benchmark: kosten per etmaal 3% onder het gemiddelde'],
    'Herberekening: huidig tariefpercentage niet kostendekkend': ['ja', 'Tekort € 80.000 op de begroting 2025'],
    'Onvoorzien en onredelijk benadelend gevolg': ['ja', 'Kleine locaties met 24-uurs bezetting: het richttarief dekt de nachtdienst niet'],
    'Doelmatige zorgverlening aangetoond': ['ja', 'Zie herberekening'],
    'Geldend tariefpercentage niet kostendekkend': ['ja', 'Ook bij 97,3% een tekort van € 24.600'],
    'Geen operationele verbeteringen meer mogelijk': ['ja', 'Roosteroptimalisatie 2024 al doorgevoerd'],
    'Eigen vermogen ontoereikend': ['ja', 'Eigen vermogen € 15.000'],
    'Financiële reserves ontoereikend': ['ja', 'Geen reserves'],
    'Zorgplicht weegt voor toepassing': ['ja', 'Enige aanbieder GGZ-W in de regio Zaanstreek'],
  },
  opts: { col: 2, gap: true, extraRows: 1, rename: { 'Datum ontvangst': ['Datum ontvangst herberekening', 'Datum ontvangst hardheidsclausule'] } },
};

/**
 * A declaration list as a zorgkantoor keeps it, with column headers that are also labels of the form ("AGB-code",
 * "Naam zorgaanbieder", "Prestatiecode"): a table, not a form. Put in front of a form, it must not be read as one.
 */
function addDeclarations(wb) {
  const ws = wb.addWorksheet('Declaraties 2025');
  const header = ['Declaratienummer', 'AGB-code', 'Naam zorgaanbieder', 'Prestatiecode', 'Periode', 'Aantal', 'NZa maximumtarief'];
  header.forEach((h, i) => {
    ws.getCell(1, i + 1).value = h;
    ws.getCell(1, i + 1).font = { bold: true };
  });
  const rows = [
    ['D-2025-0001', '12345678', 'GGZ De Linde (voorbeeld)', 'Z1103', '2025-01', 160, 250],
    ['D-2025-0002', '12345678', 'GGZ De Linde (voorbeeld)', 'Z1105', '2025-01', 120, 200],
    ['D-2025-0003', '23456781', "Zorgboerderij 't Veld (voorbeeld)", 'H153', '2025-01', 90, 100],
    ['D-2025-0004', '12345678', 'GGZ De Linde (voorbeeld)', 'Z1103', '2025-02', 150, 250],
  ];
  rows.forEach((line, r) =>
    line.forEach((v, c) => {
      const cell = ws.getCell(r + 2, c + 1);
      cell.value = v;
      if (c === 1) cell.numFmt = '@';
      if (c === 6) cell.numFmt = MONEY;
    }),
  );
  ws.columns.forEach((col, i) => (col.width = [16, 12, 34, 14, 10, 8, 18][i]));
  return wb;
}

function formWithDeclarations() {
  return buildForm(COMPLETE, addDeclarations(newWorkbook()));
}

/** Two providers' forms in one workbook, each with its own assessor's sheet right after it. */
function twoForms() {
  const wb = buildForm(COMPLETE, newWorkbook(), { form: 'Aanvraag De Linde', review: 'Beoordeling De Linde' });
  return buildForm(INCOMPLETE, wb, { form: 'Aanvraag Het Veld', review: 'Beoordeling Het Veld' });
}

const UNREADABLE_AGB = { ...COMPLETE, values: { ...COMPLETE.values, 'AGB-code': '1234567' } };

const FILES = {
  'aanvraagformulier-sjabloon.xlsx': { title: 'Aanvraagformulier herberekening tariefpercentage en hardheidsclausule Wlz 2025 (sjabloon)' },
  'aanvraag-volledig.xlsx': COMPLETE,
  'aanvraag-onvolledig.xlsx': INCOMPLETE,
  'aanvraag-inconsistent.xlsx': INCONSISTENT,
  'aanvraag-beide.xlsx': BOTH,
  'aanvraag-met-declaraties.xlsx': formWithDeclarations,
  'aanvraag-twee-formulieren.xlsx': twoForms,
  'aanvraag-agb-onleesbaar.xlsx': UNREADABLE_AGB,
};

const README = `# Aanvraagformulieren herberekening en hardheidsclausule (voorbeelden)

> **Let op: alle namen, AGB-codes en bedragen zijn VERZONNEN.** Gemaakt met \`node scripts/make-aanvraag-examples.js\` (deterministisch).

| Bestand | Wat het laat zien | Verwachte beoordeling (\`--policy zk-ggz-2025\`) |
|---|---|---|
| \`aanvraagformulier-sjabloon.xlsx\` | het lege sjabloon: labels in kolom A, waarden in kolom B, uitleg als notitie bij het label; blad "Beoordeling zorgkantoor" voor de beoordelaar | — |
| \`aanvraag-volledig.xlsx\` | herberekening, volledig en tijdig (20-9-2024); beoordelaar: niet reëel | herberekening: aanpassen 92% → 96,6% (kostendekkend; plafond 97,3%) |
| \`aanvraag-onvolledig.xlsx\` | geen bestuursverklaring, geen opbrengsten, totale kosten en resultaat | herberekening: niet in behandeling (onvolledig) |
| \`aanvraag-inconsistent.xlsx\` | omzetregel en totaal kloppen niet, kosten tellen niet op, "973" als percentage, bestuursverklaring na ontvangst, ontvangen 27-9-2024 | herberekening: niet in behandeling (te laat en onjuist) |
| \`aanvraag-beide.xlsx\` | herberekening én hardheidsclausule tegelijk (6-9-2024); rijen en kolommen verschoven (labels in B, waarden in D); perspectief en oordeel "reëel" nog open | beide: te beoordelen |
| \`aanvraag-met-declaraties.xlsx\` | het volledige formulier, met vóór het formulier een blad "Declaraties 2025" waarvan de kolomkoppen ("AGB-code", "Naam zorgaanbieder", "Prestatiecode") ook labels van het formulier zijn | als \`aanvraag-volledig.xlsx\`, gelezen van de bladen Aanvraagformulier en Beoordeling zorgkantoor; het declaratieblad telt niet |
| \`aanvraag-twee-formulieren.xlsx\` | twee aanvragen in één werkmap: "Aanvraag De Linde" en "Aanvraag Het Veld", elk met een eigen beoordelingsblad erachter | twee beoordelingen: De Linde aanpassen naar 96,6%, Het Veld niet in behandeling |
| \`aanvraag-agb-onleesbaar.xlsx\` | het volledige formulier met AGB-code "1234567" (7 cijfers) | herberekening: identiteit onzeker — handmatig controleren (inhoudelijk: aanpassen naar 96,6%); uitgangscode 3 |

Beoordelen: \`npx tariefwijzer assess examples/aanvragen/aanvraag-*.xlsx --policy zk-ggz-2025\` — zie \`docs/beoordelen.md\`.
`;

async function main() {
  const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'examples', 'aanvragen'));
  fs.mkdirSync(outDir, { recursive: true });
  for (const [file, spec] of Object.entries(FILES)) {
    await save(typeof spec === 'function' ? spec() : buildForm(spec), path.join(outDir, file));
  }
  fs.writeFileSync(path.join(outDir, 'README.md'), README);
  process.stdout.write(`Geschreven in ${outDir}: ${Object.keys(FILES).join(', ')}, README.md\n`);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${e.stack || e}\n`);
    process.exit(1);
  });
}

module.exports = { SECTIONS, CRITERIA, TABLE_HEADER };
