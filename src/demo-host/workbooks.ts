/** The demo host's example workbooks (no DOM: also used by tests). */
import type { SeedValue } from './fake-excel';

/** The pack the example rows were made for. */
export const DEMO_PACK_ID = 'zk-ggz-2025';

/**
 * Invented GGZ rows for zk-ggz-2025 (worked examples of seed 003/004, see
 * test/policies/cases/zk-ggz-2025.cases.json). With richttarief 97,3 the first gives € 297,90.
 */
export function demoWorkbook(): Record<string, SeedValue[][]> {
  return {
    Aanbieders: [
      ['Voorbeeld: contractering GGZ 2025 (verzonnen aanbieders)'],
      [],
      ['AGB code', 'Naam zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief'],
      ['73730001', 'Zorg BV', 'Z1105', 'GGZ W5', 'Verblijf', 300],
      ['73730002', 'Beschermd Wonen Oost', 'V1101', 'GGZ-1W', 'VPT', '€ 140,00'],
      ['73730003', 'Thuis in de Wijk', 'V1105', 'GGZ W5', 'VPT', 300],
      ['73730004', 'Dagcentrum Zuid', 'Y291', null, null, 40],
      ['73730005', 'Kliniek Noord', 'Z1007', null, null, null],
      ['73730006', '<b>Zorg & Co</b>', 'Z1105', 'GGZ W5', 'Verblijf', { error: '#N/A' }],
    ],
    // Declared production for the herschikking view: two providers, January to June 2025.
    'Declaraties 2025': [
      ['AGB code', 'Naam zorgaanbieder', 'Prestatiecode', 'Zorgprofiel', 'Leveringsvorm', 'NZa maximumtarief', 'Declaratiemaand', 'Aantal', 'Goedgekeurd'],
      ...['jan', 'feb', 'mrt', 'apr', 'mei', 'jun'].flatMap((month, m) => [
        ['73730001', 'Zorg BV', 'Z1105', 'GGZ W5', 'Verblijf', 300, `${month} 2025`, 300 + 10 * m, 'ja'],
        ['73730003', 'Thuis in de Wijk', 'Z1105', 'GGZ W5', 'Verblijf', 300, `${month} 2025`, 250, 'ja'],
      ]),
    ],
    Kader: [['Contracteerruimte GGZ', null, 1_500_000]],
    // Requests for herberekening / hardheidsclausule, for the Aanvragen view (zk-ggz-2025, published 5-9-2024).
    Aanvragen: [
      [
        'AGB-code',
        'Zorgaanbieder',
        'Verzoek herberekening',
        'Beroep op hardheidsclausule',
        'Datum ontvangst',
        'Tariefpercentage 2023',
        'Tariefpercentage sector',
        'Wlz-omzet',
        'Bestuursverklaring',
        'Lager tarief is reëel',
        'Onderbouwing oordeel reëel',
        'Nieuwe aanbieder',
        'Aantal Wlz-cliënten',
        'Aanvraagformulier herberekening',
      ],
      ['73730001', 'Zorg BV', 'ja', 'nee', '20-9-2024', '92%', '97,3%', 920000, 'ja', 'ja', 'Exploitatie sluit', 'nee', 64, 'ja'],
      ['73730007', 'Nieuw Thuis', 'nee', 'ja', '26-9-2024', null, null, null, null, null, null, 'ja', 8, null],
    ],
  };
}

/** The demo workbook with its provider sheet grown to `rows` data rows (repeating the example rows). */
export function largeDemoWorkbook(rows: number): Record<string, SeedValue[][]> {
  const book = demoWorkbook();
  const [title, blank, header, ...examples] = book.Aanbieders;
  const data: SeedValue[][] = [];
  for (let i = 0; i < rows; i++) {
    const line = [...examples[i % examples.length]];
    line[0] = String(73_000_000 + i);
    data.push(line);
  }
  book.Aanbieders = [title, blank, header, ...data];
  return book;
}
