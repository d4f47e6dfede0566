/** File names of bijlagen: a person finds them (AGB-code and name), and every system accepts them. */
import { bijlageFileNames, OVERVIEW_FILE } from '../../src/workbook/jobs/bijlage-document';
import type { Bijlage } from '../../src/workbook/jobs/bijlagen';

const UNSAFE = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];
const bijlage = (agb: string, naam: string, zorgkantoor = ''): Bijlage => ({ agb, naam, zorgkantoor, lines: [], leftOut: [] });

test.each(UNSAFE)('a name with %s: replaced in the file name, and said so', (c) => {
  const [f] = bijlageFileNames({ bijlagen: [bijlage('12345678', `Zorg${c}Welzijn`)], perZorgkantoor: false });
  expect(f.file).toBe('12345678 Zorg-Welzijn.xlsx');
  expect(f.renamed).toBe(true);
});

test('a plain name is kept; the zorgkantoor only when the data has more than one', () => {
  const b = bijlage('12345678', 'Zorg B.V.', 'Utrecht');
  expect(bijlageFileNames({ bijlagen: [b], perZorgkantoor: false })[0]).toMatchObject({ file: '12345678 Zorg B.V.xlsx', renamed: false });
  expect(bijlageFileNames({ bijlagen: [b], perZorgkantoor: true })[0].file).toBe('12345678 Zorg B.V. Utrecht.xlsx');
});

test('names that would be equal (also in case) get a number; none is the overview', () => {
  const names = bijlageFileNames({ bijlagen: [bijlage('1', 'A/B'), bijlage('1', 'a:b'), bijlage('overzicht', '')], perZorgkantoor: false }).map((f) => f.file);
  expect(names).toEqual(['1 A-B.xlsx', '1 a-b (2).xlsx', 'overzicht (2).xlsx']);
  expect(names).not.toContain(OVERVIEW_FILE);
});
