/**
 * Property: whatever the production, toezeggingen and contracteerruimte, the provider afspraken (plus the
 * reservation for new providers) add up to the sector total, which is the contracteerruimte when there is a
 * shortage and the need otherwise; and no afspraak exceeds the provider's extrapolated production plus its
 * toezegging.
 */
import fc from 'fast-check';
import { D } from '../../src/domain/money';
import { distribute } from '../../src/domain/production';
import { run, type Line } from './helpers';

const ZERO = new D(0);

test('distribute: parts add up exactly and never exceed their amount', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (cents, share) => {
      const amounts = cents.map((c) => new D(c).dividedBy(100));
      const whole = amounts.reduce((a, b) => a.plus(b), ZERO);
      const total = whole.times(share).toDecimalPlaces(2, D.ROUND_DOWN);
      const parts = distribute(
        amounts.map((amount, i) => ({ key: String(i).padStart(3, '0'), amount })),
        total,
      );
      expect(parts.reduce((a, b) => a.plus(b), ZERO).equals(whole.isZero() ? ZERO : total)).toBe(true);
      parts.forEach((p, i) => expect(p.lessThanOrEqualTo(amounts[i])).toBe(true));
    }),
    { numRuns: 300 },
  );
});

const line = fc.record({
  agb: fc.constantFrom('20000001', '20000002', '20000003', '20000004', '20000005'),
  maximumtarief: fc.integer({ min: 1, max: 40000 }).map((c) => c / 100),
  volumes: fc.array(fc.option(fc.integer({ min: 0, max: 400 }), { nil: null, freq: 6 }), { minLength: 6, maxLength: 6 }),
  nieuw: fc.boolean(),
});

test('herschikking: afspraken sum to the sector total and never exceed production plus toezegging', () => {
  fc.assert(
    fc.property(
      fc.array(line, { minLength: 1, maxLength: 6 }),
      fc.array(fc.record({ agb: fc.constantFrom('20000001', '20000003', '20000006'), cents: fc.integer({ min: 0, max: 5_000_000 }) }), { maxLength: 3 }),
      fc.integer({ min: 0, max: 2_000_000_000 }),
      fc.constantFrom('laatste-maand', 'gemiddelde-laatste-maanden'),
      fc.constantFrom('geextrapoleerd', 'nul'),
      (ls, tz, crCents, method, reservering) => {
        // A provider is new on all its lines or on none.
        const nieuw = new Map(ls.map((l) => [l.agb, l.nieuw]));
        const lines: Line[] = ls.map((l, i) => ({
          agb: l.agb,
          maximumtarief: l.maximumtarief,
          volumes: l.volumes,
          prestatiecode: ['Z1103', 'Z1104', 'V1103'][i % 3],
          zorgprofiel: ['GGZ-W3', 'GGZ-W4', 'GGZ-W3'][i % 3],
          leveringsvorm: ['Verblijf', 'Verblijf', 'VPT'][i % 3],
          cells: { nieuweAanbieder: nieuw.get(l.agb) ? 'ja' : 'nee' },
        }));
        const cr = new D(crCents).dividedBy(100);
        const result = run({
          params: { peildatum: '2025-06-30', 'contracteerruimte.GGZ': cr.toString(), extrapolatie: method, reservering_nieuwe_aanbieders: reservering },
          lines,
          toezeggingen: tz.map((t) => ({ agb: t.agb, bedrag: new D(t.cents).dividedBy(100).toString() })),
        });
        const sector = result.sectors.find((s) => s.sector === 'GGZ');
        if (!sector) return;
        const ps = result.providers.filter((p) => p.sector === 'GGZ');
        const regular = ps.filter((p) => !p.nieuw);
        const afspraken = regular.reduce((a, p) => a.plus(p.afspraak!), ZERO);
        expect(afspraken.equals(sector.afsprakenTotaal)).toBe(true);
        const need = regular.reduce((a, p) => a.plus(p.extrapolated).plus(p.toezegging), ZERO).plus(sector.reservering);
        const toezeggingen = regular.reduce((a, p) => a.plus(p.toezegging), ZERO);
        const landed = afspraken.plus(sector.reservering);
        if (toezeggingen.plus(sector.reservering).greaterThan(cr)) expect(afspraken.equals(toezeggingen)).toBe(true);
        else expect(landed.equals(D.min(need, cr))).toBe(true);
        for (const p of regular) {
          expect(p.afspraak!.lessThanOrEqualTo(p.extrapolated.plus(p.toezegging))).toBe(true);
          expect(p.afspraak!.greaterThanOrEqualTo(p.toezegging)).toBe(true);
          expect(p.afspraak!.decimalPlaces()).toBeLessThanOrEqual(2);
        }
        for (const p of ps.filter((x) => x.nieuw)) expect(p.afspraak).toBeNull();
      },
    ),
    { numRuns: 150 },
  );
});
