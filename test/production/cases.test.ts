/**
 * The herschikking cases of cases.json: each names the rule it checks (its id in src/domain/production/rules.ts)
 * and the expected figures and flags. Amounts are exact; percentages compare at the decimals written.
 */
import { D, type Dec } from '../../src/domain/money';
import { compareHerschikking, HERSCHIK_RULES } from '../../src/domain/production';
import cases from './cases.json';
import { run } from './helpers';

const ruleIds = new Set(Object.values(HERSCHIK_RULES).map((r) => r.id));

function same(actual: Dec | undefined | null, expected: string | null): void {
  if (expected === null) {
    expect(actual ?? null).toBeNull();
    return;
  }
  expect(actual).toBeDefined();
  const decimals = (expected.split('.')[1] ?? '').length;
  const a = decimals < 4 && !expected.includes('.') ? actual! : actual!.toDecimalPlaces(decimals);
  expect(a.toString()).toBe(new D(expected).toString());
}

function codes(flags: Array<{ code: string }>): string[] {
  return flags.map((f) => f.code);
}

type Expectation = Record<string, unknown> & { flags?: string[]; absent?: string[] };

describe.each(cases.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  test(`regel ${c.rule}`, () => {
    expect(ruleIds).toContain(c.rule);
    const result = run({
      ...cases.defaults,
      params: c.params as Record<string, string>,
      lines: c.lines,
      toezeggingen: (c as { toezeggingen?: Array<{ agb: string; bedrag: string }> }).toezeggingen,
    });
    const exp = c.expect as {
      sectors?: Record<string, Expectation>;
      providers?: Record<string, Expectation>;
      rowFlags?: Record<string, string[]>;
      rowCounted?: Record<string, boolean>;
    };
    for (const [sector, e] of Object.entries(exp.sectors ?? {})) {
      const s = result.sectors.find((x) => x.sector === sector)!;
      expect(s).toBeDefined();
      for (const [k, v] of Object.entries(e)) {
        if (k === 'flags') for (const f of v as string[]) expect(codes(s.flags)).toContain(f);
        else if (k === 'absent') for (const f of v as string[]) expect(codes(s.flags)).not.toContain(f);
        else same((s as unknown as Record<string, Dec>)[k], v as string);
      }
      // Reconciliation: the sector is the sum of its providers, to the cent.
      const ps = result.providers.filter((p) => p.sector === sector);
      expect(s.extrapolated.equals(ps.reduce((a, p) => a.plus(p.extrapolated), new D(0)))).toBe(true);
      expect(s.realised.equals(result.rows.filter((r) => r.counted && r.sector === sector).reduce((a, r) => a.plus(r.omzet!), new D(0)))).toBe(true);
    }
    for (const [agb, e] of Object.entries(exp.providers ?? {})) {
      const p = result.providers.find((x) => x.agb === agb)!;
      expect(p).toBeDefined();
      for (const [k, v] of Object.entries(e)) {
        if (k === 'flags') for (const f of v as string[]) expect(codes(p.flags)).toContain(f);
        else if (k === 'absent') for (const f of v as string[]) expect(codes(p.flags)).not.toContain(f);
        else if (k === 'afspraak' && v === 'maatwerk') {
          expect(p.nieuw).toBe(true);
          expect(p.afspraak).toBeNull();
        } else if (k === 'bezetting') same(p.crisis[0]?.bezetting, v as string);
        else same((p as unknown as Record<string, Dec | null>)[k], v as string | null);
      }
      expect(p.explanation).toMatch(/\[Zilveren Kruis, Inkoopbeleid GGZ 2024–2026, §8\.6\.1\]/);
    }
    for (const [i, fs] of Object.entries(exp.rowFlags ?? {})) for (const f of fs) expect(codes(result.rows[Number(i)].flags)).toContain(f);
    for (const [i, counted] of Object.entries(exp.rowCounted ?? {})) expect(result.rows[Number(i)].counted).toBe(counted);
  });
});

describe.each(cases.scenarios.map((c) => [c.name, c] as const))('scenario: %s', (_name, c) => {
  test(`regel ${c.rule}`, () => {
    expect(ruleIds).toContain(c.rule);
    const base = run({ params: c.params, packParams: c.base, lines: c.lines });
    const alt = run({ params: c.params, packParams: c.alt, lines: c.lines });
    const cmp = compareHerschikking(base, alt, 'test');
    const exp = c.expect as {
      sectorDiff?: Record<string, string>;
      providerDiff?: Record<string, string>;
      afsprakenDiff?: Record<string, string>;
      base?: Record<string, string>;
    };
    for (const [s, v] of Object.entries(exp.sectorDiff ?? {})) same(cmp.sectors.find((x) => x.sector === s)!.extrapolatedDiff, v);
    for (const [s, v] of Object.entries(exp.afsprakenDiff ?? {})) same(cmp.sectors.find((x) => x.sector === s)!.afsprakenDiff, v);
    for (const [agb, v] of Object.entries(exp.providerDiff ?? {})) same(cmp.providers.find((x) => x.agb === agb)!.extrapolatedDiff, v);
    for (const [agb, v] of Object.entries(exp.base ?? {})) same(base.providers.find((x) => x.agb === agb)!.extrapolated, v);
  });
});
