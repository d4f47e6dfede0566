import { describePointer, parseParameterValue, resolveParameters, validatePack } from '../../src/domain/policy/load';
import type { ParameterDef } from '../../src/domain/policy/types';

const src = { document: 'x.txt', regels: 'L1' };
function minimal(): Record<string, unknown> {
  return {
    id: 'mijn-beleid',
    version: '1.0.0',
    title: 'Mijn beleid',
    zorgkantoor: 'Test',
    sector: 'VV',
    inkoopjaar: 2026,
    description: 'test',
    sources: [{ document: 'x.txt', title: 'x' }],
    parameters: {
      richttarief: { type: 'percentage', label: 'R', description: 'r', default: 96 },
      afronding: { type: 'rounding', label: 'A', description: 'a', default: 'rekenkundig' },
    },
    rules: [{ id: 'basis', description: 'basis', effect: { set: { param: 'richttarief' } }, source: src }],
  };
}

test('a minimal valid pack passes', () => {
  expect(validatePack(minimal()).errors).toEqual([]);
});

test('schema errors are Dutch and say where', () => {
  const p = minimal();
  (p.rules as unknown[]).push({ id: 'opslag', description: 'x', effect: { add: 'twee' }, source: src });
  delete p.title;
  p.sector = 'VVT';
  const { pack, errors } = validatePack(p);
  expect(pack).toBeUndefined();
  const text = errors.map((e) => `${e.place}: ${e.message}`);
  expect(text).toContain('pakket: verplicht onderdeel "title" ontbreekt');
  expect(text).toContain('sector: waarde moet een van deze zijn: "VV", "GZ", "GGZ", "alle"');
  expect(text.some((t) => t.startsWith('regel 2 (opslag) › effect'))).toBe(true);
});

test('an unknown key inside a rule is named', () => {
  const p = minimal();
  (p.rules as Array<Record<string, unknown>>)[0].wanneer = {};
  const text = validatePack(p).errors.map((e) => `${e.place}: ${e.message}`);
  expect(text).toEqual(['regel 1 (basis): onbekend onderdeel "wanneer"']);
});

test('references between parts are checked', () => {
  const p = minimal();
  (p.rules as unknown[]).push(
    { id: 'a', description: 'a', when: { field: 'bestaatNiet', is: true }, effect: { add: { param: 'geen' }, group: 'g' }, source: src },
    { id: 'a', description: 'dubbel', effect: { cap: { field: 'ookNiet' } }, source: src },
  );
  delete (p.parameters as Record<string, unknown>).afronding;
  const messages = validatePack(p).errors.map((e) => `${e.place}: ${e.message}`);
  expect(messages).toEqual(
    expect.arrayContaining([
      'parameters: parameter "afronding" ontbreekt; elk pakket heeft "richttarief" en "afronding"',
      'regel 2 (a) › voorwaarde › field: verwijst naar onbekend veld "bestaatNiet"',
      'regel 2 (a) › effect › add: verwijst naar onbekende parameter "geen"',
      'regel 2 (a) › effect › group: groep "g" is niet beschreven onder "groups"',
      'regel 3 (a) › id: regel-id "a" komt vaker voor',
      'regel 3 (a) › effect › cap: verwijst naar onbekend veld "ookNiet"',
    ]),
  );
});

test('a pack without an unconditional base rule is refused', () => {
  const p = minimal();
  (p.rules as Array<Record<string, unknown>>)[0].when = { field: 'nieuweAanbieder', is: true };
  expect(validatePack(p).errors.map((e) => e.message)).toEqual([expect.stringContaining('geen regel zonder voorwaarde')]);
});

test('bad parameter defaults are refused', () => {
  const p = minimal();
  (p.parameters as Record<string, ParameterDef>).afronding.default = 'half-up';
  expect(validatePack(p).errors[0].message).toContain('geen afrondingswijze');
});

describe('parameters', () => {
  const def = (type: ParameterDef['type'], extra: Partial<ParameterDef> = {}): ParameterDef => ({
    type,
    label: 'x',
    description: 'x',
    default: null,
    ...extra,
  });
  test('numbers accept comma or dot, percentages a % sign', () => {
    expect(String((parseParameterValue(def('percentage'), '95,5') as { value: unknown }).value)).toBe('95.5');
    expect(String((parseParameterValue(def('percentage'), '95.5%') as { value: unknown }).value)).toBe('95.5');
    expect(String((parseParameterValue(def('points'), '-2') as { value: unknown }).value)).toBe('-2');
    expect(parseParameterValue(def('percentage'), '')).toEqual({ ok: true, value: null });
  });
  test('text where a number belongs is an error, as is a value outside min/max', () => {
    expect(parseParameterValue(def('percentage'), 'hoog')).toEqual({ ok: false, reason: '"hoog" is geen getal' });
    expect(parseParameterValue(def('percentage', { max: 100 }), '101')).toEqual({ ok: false, reason: '101 is groter dan het maximum 100' });
    expect(parseParameterValue(def('boolean'), 'soms').ok).toBe(false);
    expect(parseParameterValue(def('choice', { choices: ['a', 'b'] }), 'c').ok).toBe(false);
    expect(parseParameterValue(def('date'), '5-9-2024')).toEqual({ ok: true, value: '2024-09-05' });
  });
  test('resolveParameters applies overrides and refuses unknown names', () => {
    const { pack } = validatePack(minimal());
    const { values, errors } = resolveParameters(pack!, { richttarief: '97,3', onbekend: 1, afronding: 'bankiers' });
    expect(String(values.richttarief)).toBe('97.3');
    expect(values.afronding).toBe('bankiers');
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('onbekende parameter')]);
  });
});

test('describePointer names rules by number and id', () => {
  const p = minimal();
  expect(describePointer(p, '/rules/0/effect/set')).toBe('regel 1 (basis) › effect › set');
  expect(describePointer(p, '/parameters/richttarief/default')).toBe('parameters › richttarief › default');
  expect(describePointer(p, '')).toBe('pakket');
});

test('the committed standalone validator is compiled from the current schema', () => {
  const { buildValidator, OUT } = require('../../scripts/build-validator.js');
  expect(require('node:fs').readFileSync(OUT, 'utf8')).toBe(buildValidator());
});
