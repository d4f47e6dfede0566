/**
 * The change log keeps each listed change as one flat string (change-sheet.ts, heldText): what it gives back is what
 * was added, whatever the texts hold.
 */
import { ChangeLog, heldText } from '../../src/workbook/jobs/change-sheet';
import type { RowChange } from '../../src/workbook/jobs/changes';

// texts a workbook may hold: Latin-1, beyond it (€, an arrow, an emoji), a lone surrogate, control characters, quotes
const TEXTS = ['Zorg Noord', 'Stichting Ĳsselhof', '€ 231,51 → € 236,39', 'Zorg 🙂', 'half \ud83d', 'tab\tregel\nnul\u0000', '"aan" \\ \'x\''];

test('heldText gives back every text exactly', () => {
  for (const t of [...TEXTS, '', 'x'.repeat(100_000), JSON.stringify({ a: TEXTS })]) expect(heldText(t)).toBe(t);
});

test('a listed change comes back as it was added: numbers, causes by number, verdict and row', () => {
  const log = new ChangeLog(false);
  const changes: RowChange[] = TEXTS.map((text, i) => ({
    row: i % 2 ? i : undefined,
    agb: `0301${String(i).padStart(4, '0')}`,
    provider: text,
    code: `Z0${i}`,
    year: '2025',
    old: i % 3 ? { percentage: '95.5', tarief: '221.09' } : undefined,
    new: { percentage: '97.3', tarief: i === 4 ? null : '225.26' },
    causes: [{ kind: i % 2 ? 'parameter' : 'hand', text: `${text} gewijzigd` }],
    verdict: i % 2 ? `akkoord (${text})` : undefined,
  }));
  changes.forEach((c) => log.add(c));
  const strip = (c: RowChange) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
  expect(log.listed).toEqual(changes.map(strip));
  expect(log.total).toBe(changes.length);
});
