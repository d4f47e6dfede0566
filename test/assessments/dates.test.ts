import fc from 'fast-check';
import { addDays, daysBetween, formatDate } from '../../src/domain/assessments/dates';
import { assessProvider, procedureForPolicy, resolveProcedureParameters } from '../../src/domain/assessments';

test('calendar days, as the seed counts them', () => {
  expect(addDays('2024-09-05', 20)).toBe('2024-09-25'); // 004 §6.9.6: 5-9-2024 + 20 kalenderdagen
  expect(addDays('2024-10-25', 14)).toBe('2024-11-08'); // 004 §6.12: kort geding
  expect(addDays('2024-10-20', 14)).toBe('2024-11-03'); // across the end of summer time: still whole days
  expect(addDays('2024-02-20', 10)).toBe('2024-03-01'); // leap year
  expect(addDays('2024-12-25', 10)).toBe('2025-01-04');
  expect(formatDate('2024-09-25')).toBe('25-9-2024');
});

test('addDays and daysBetween are inverse', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2090, 0, 1)), noInvalidDate: true }),
      fc.integer({ min: -1000, max: 1000 }),
      (d, n) => {
        const iso = d.toISOString().slice(0, 10);
        expect(daysBetween(iso, addDays(iso, n))).toBe(n);
      },
    ),
  );
});

test('a request is on time exactly when it arrives on or before publication + termijn (any publication date, any termijn)', () => {
  const proc = procedureForPolicy('zk-ggz-2025')!;
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  fc.assert(
    fc.property(
      fc.date({ min: new Date(Date.UTC(2020, 0, 1)), max: new Date(Date.UTC(2030, 0, 1)), noInvalidDate: true }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: -5, max: 80 }),
      (pub, termijn, after) => {
        const p = iso(pub);
        const received = addDays(p, after);
        const { values } = resolveProcedureParameters(proc, { publicatiedatum_richttarief: p, indientermijn_dagen: String(termijn) });
        const a = assessProvider(
          { bron: 'x', cells: { agb: '12345678', verzoekHerberekening: 'ja', beroepHardheidsclausule: 'ja', datumOntvangst: received } },
          proc,
          values,
        );
        expect(a.termijn.uiterste).toBe(addDays(p, termijn));
        expect(a.termijn.status).toBe(after <= termijn ? 'tijdig' : 'te-laat');
        if (after > termijn) expect(a.hardheidsclausule.status).toBe('niet-ontvankelijk');
      },
    ),
    { numRuns: 200 },
  );
});
