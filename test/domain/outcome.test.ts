/** The one rule for a result's outcome, its colour in the pane and the CLI's exit code, and the herschikking's reasons. */
import { outcomeOf, worstOutcome, type Outcome } from '../../src/domain/outcome';
import { baseParameters, missingBaseParameters } from '../../src/domain/policy/required';
import { resolveParameters } from '../../src/domain/policy/load';
import { herschikVerdict, scenarioLabel } from '../../src/domain/production';
import { getPack, listPacks } from '../../src/policies';
import { EXIT, exitCodeOf } from '../../src/cli/exit-codes';
import { INTENT } from '../../src/taskpane/outcome';
import { run, rowsOf, type Line } from '../production/helpers';

const OUTCOMES: Outcome[] = ['goed', 'aandacht', 'fout'];

test('nothing usable is fout; partial or asking for action is aandacht; only complete and quiet is goed', () => {
  expect(outcomeOf({ total: 0, usable: 0, asksAction: false })).toBe('fout');
  expect(outcomeOf({ total: 12, usable: 0, asksAction: false })).toBe('fout');
  expect(outcomeOf({ total: 12, usable: 0, asksAction: true })).toBe('fout');
  expect(outcomeOf({ total: 12, usable: 11, asksAction: false })).toBe('aandacht');
  expect(outcomeOf({ total: 12, usable: 12, asksAction: true })).toBe('aandacht');
  expect(outcomeOf({ total: 12, usable: 12, asksAction: false })).toBe('goed');
  expect(worstOutcome(['goed', 'aandacht'])).toBe('aandacht');
  expect(worstOutcome(['aandacht', 'fout', 'goed'])).toBe('fout');
  expect(worstOutcome([])).toBe('goed');
});

test('green and exit 0 only for goed; aandacht is a warning and exit 3; fout an error and exit 1 (2 stays wrong use)', () => {
  expect(OUTCOMES.map((o) => [o, INTENT[o], exitCodeOf(o)])).toEqual([
    ['goed', 'success', EXIT.klaar],
    ['aandacht', 'warning', EXIT.aandacht],
    ['fout', 'error', EXIT.invoer],
  ]);
  expect(new Set([EXIT.klaar, EXIT.invoer, EXIT.gebruik, EXIT.aandacht]).size).toBe(4);
  expect(OUTCOMES.filter((o) => INTENT[o] === 'success')).toEqual(['goed']);
});

test('the base parameters are those of an unconditional set rule: the richttarief of every shipped pack that has one', () => {
  for (const p of listPacks()) {
    const base = baseParameters(p);
    const unconditional = p.rules.filter((r) => 'set' in r.effect && !r.when && !r.jaren);
    expect([p.id, base.length]).toEqual([p.id, unconditional.filter((r) => typeof (r.effect as { set: unknown }).set === 'object').length]);
  }
  const ggz = getPack('zk-ggz-2025')!;
  expect(baseParameters(ggz)).toEqual(['richttarief']);
  expect(missingBaseParameters(ggz, resolveParameters(ggz, {}).values).map((m) => m.name)).toEqual(['richttarief']);
  expect(missingBaseParameters(ggz, resolveParameters(ggz, { richttarief: '96' }).values)).toEqual([]);
  // the reason names the parameter by its label, not its id
  expect(missingBaseParameters(ggz, resolveParameters(ggz, {}).values)[0].reason).toContain(`"${ggz.parameters.richttarief.label}"`);
});

const flat = (agb: string, volume: number): Line => ({ agb, maximumtarief: 100, volumes: Array(8).fill(volume) });

test('herschikking: within the ruimte is goed; over it is aandacht with uitnutting and korting; nothing counted is fout with why', () => {
  const lines = [flat('11111111', 10), flat('22222222', 10)];
  const dataRows = rowsOf(lines).length;
  const params = { peildatum: '2025-08-31', 'contracteerruimte.GGZ': '1000000' };
  const within = herschikVerdict(run({ lines, params }), dataRows);
  expect(within).toMatchObject({ outcome: 'goed', reasons: [] });
  expect(within.title).toBe(`${dataRows} regels meegeteld van de ${dataRows}, binnen de contracteerruimte`);

  // 2 × 10 × € 100 × 12 months = € 24.000 expected against € 17.142,86: 140%
  const over = herschikVerdict(run({ lines, params: { ...params, 'contracteerruimte.GGZ': '17142,86' } }), dataRows);
  expect(over.outcome).toBe('aandacht');
  expect(over.reasons[0]).toMatch(/^GGZ: uitnutting 140% van de contracteerruimte, korting 28,57%/);

  const none = herschikVerdict(run({ lines, params: { ...params, peildatum: '2024-12-31' } }), dataRows);
  expect(none.outcome).toBe('fout');
  expect(none.reasons.join(' ')).toContain(`Ander jaar (${dataRows} regels)`);
  expect(herschikVerdict(run({ lines: [], params }), 0)).toMatchObject({ outcome: 'fout', title: 'Geen productieregels gevonden' });
});

test('a scenario in the user words: the other policy by title, each value by its label', () => {
  const ggz = getPack('zk-ggz-2025')!;
  const vv = getPack('zk-vv-2024')!;
  expect(scenarioLabel(ggz, ggz, { richttarief: '96' })).toBe(`hetzelfde beleid, met ${ggz.parameters.richttarief.label} 96%`);
  expect(scenarioLabel(ggz, vv, {})).toBe(vv.title);
  expect(scenarioLabel(ggz, ggz, { peildatum: '2025-06-30', 'contracteerruimte.ggz': '20.000.000' })).toBe(
    'hetzelfde beleid, met Peildatum 30-06-2025, Contracteerruimte GGZ (€) € 20.000.000,00',
  );
});

describe('the Tarieven verdict (pane summary and annotate exit code)', () => {
  const { tariffVerdict, missingReasons, countResults } = require('../../src/domain/tariff-verdict') as typeof import('../../src/domain/tariff-verdict');
  const { evaluateRow } = require('../../src/domain/engine') as typeof import('../../src/domain/engine');
  const { flagName } = require('../../src/domain/flags') as typeof import('../../src/domain/flags');
  const pack = getPack('dsw-vv-2024')!;
  const params = resolveParameters(pack).values;
  const row = (ref: string, prestatiecode: string, maximumtarief: unknown) =>
    evaluateRow(
      { ref, cells: { prestatiecode, maximumtarief, tariefpercentageVorigJaar: 0.95, monitoruitkomst: 0, nieuweAanbieder: 'nee' } as never },
      pack,
      params,
    );
  const verdictOf = (rows: ReturnType<typeof row>[]) => tariffVerdict(countResults(rows));

  const priced = row('A!2', 'V051', 180);
  const unknown = row('A!3', 'Q999', 200);
  const noMax = row('A!4', 'V051', null);

  test('every row priced without a signal to check: goed, no reasons', () => {
    expect(countResults([priced]).checks).toBe(0);
    expect(verdictOf([priced, priced])).toEqual({ outcome: 'goed', title: 'Alle 2 rijen hebben een tarief', reasons: [] });
  });

  test('rows without a tariff: aandacht, the reason per kind counted from the rows', () => {
    const v = verdictOf([priced, unknown, noMax]);
    expect(v.outcome).toBe('aandacht');
    expect(v.title).toBe('2 rijen zonder tarief, 1 tarief berekend');
    const kinds = missingReasons(countResults([unknown, noMax]));
    expect(kinds).toHaveLength(2);
    expect(v.reasons).toEqual([`Geen tarief: ${kinds.map(([name, n]) => `${name} (${n} rij)`).join(', ')}.`]);
  });

  test('every row priced, one with a signal that asks for a check: aandacht, named by that signal', () => {
    // a pack's own warning on a priced row (as the DSW pack's "Sectorvreemde prestatie")
    const warning = { code: 'EIGEN_CONTROLE', severity: 'waarschuwing' as const, message: 'Controleer het percentage.', name: 'Eigen controle' };
    const flagged = { ...priced, ref: 'A!5', flags: [...priced.flags, warning] };
    expect(flagged.tarief).toBeDefined();
    const v = verdictOf([priced, flagged]);
    expect(v).toMatchObject({ outcome: 'aandacht', title: 'Alle 2 rijen hebben een tarief, 1 rij vraagt om controle' });
    expect(v.reasons).toEqual([`1 rij met een tarief en een signaal dat om controle vraagt: ${flagName(warning)}.`]);
  });

  test('no tariff at all, or no rows: fout, with why', () => {
    expect(verdictOf([unknown, noMax])).toMatchObject({ outcome: 'fout', title: 'Geen tarief berekend voor 2 rijen' });
    expect(verdictOf([]).outcome).toBe('fout');
    expect(verdictOf([]).reasons).toHaveLength(1);
  });
});
