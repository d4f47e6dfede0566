import { parseBoolean, parseDate, parseInteger, parseMoney, parseNumberText, parsePercentage, parseText } from '../../src/domain/parse';

const val = (p: { ok: boolean; value?: unknown }) => (p.ok ? String((p as { value: unknown }).value) : 'FOUT');

describe('parseMoney', () => {
  test.each([
    ['€ 1.234,56', '1234.56'],
    ['1.234,56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['1234,56', '1234.56'],
    ['1234.56', '1234.56'],
    ['€1234', '1234'],
    ['EUR 12,5', '12.5'],
    ['12,5 €', '12.5'],
    ['1.234.567', '1234567'],
    ['-12,50', '-12.5'],
    ['(12,50)', '-12.5'],
    ['\u00a0300,00\u00a0', '300'],
  ])('%s → %s', (input, expected) => {
    expect(val(parseMoney(input))).toBe(expected);
  });
  test('numbers from Excel keep their value', () => {
    expect(val(parseMoney(297.9))).toBe('297.9');
    expect(val(parseMoney(0.1 + 0.2))).toBe('0.30000000000000004');
  });
  test('"1.234" is read as thousands with a note (ambiguous)', () => {
    const p = parseMoney('1.234');
    expect(p.ok && p.value.toString()).toBe('1234');
    expect(p.ok && p.note).toMatch(/duizendtal/);
  });
  test('one separator with three digits reads two ways: the Dutch reading, marked ambiguous, the other one named', () => {
    const comma = parseMoney('254,675');
    expect(comma).toMatchObject({
      ok: true,
      ambiguous: true,
      note: '"254,675" gelezen als 254,675 (komma als decimaalteken); bedoelde u 254675, typ het dan zonder komma',
    });
    expect(comma.ok && comma.value.toString()).toBe('254.675');
    expect(parseMoney('1.234')).toMatchObject({ ok: true, ambiguous: true });
    expect(val(parseMoney('1,234'))).toBe('1.234');
    expect(parseMoney('1,234')).toMatchObject({ ambiguous: true });
  });
  test.each(['0,125', '12,5', '1234,567', '1.234,567', '1,234,567', '€ 254,68', '-1,5'])('%s reads one way only: no note', (input) => {
    const p = parseMoney(input);
    expect(p.ok).toBe(true);
    expect(p.ok && (p.note ?? p.ambiguous)).toBeUndefined();
  });
  test('a cell of 40,000 characters is not repeated in full in the reason', () => {
    const p = parseMoney('9x'.repeat(20_000));
    expect(p.ok === false && 'reason' in p && p.reason).toBe('"9x9x9x9x9x9x9x9x9x9x… (40.000 tekens)" is geen getal');
  });
  test.each(['abc', '1,2,3', '12.34.5', '#N/A', '95,5%', '1.23,4,5'])('%s is refused with a reason', (input) => {
    const p = parseMoney(input);
    expect(p.ok).toBe(false);
    expect(p.ok === false && 'reason' in p && p.reason.length > 0).toBe(true);
  });
  test('Excel errors, booleans, dates and empty cells', () => {
    const e = parseMoney({ error: '#DIV/0!' });
    expect(e.ok === false && 'reason' in e && e.reason).toContain('#DIV/0!');
    expect(parseMoney(true).ok).toBe(false);
    expect(parseMoney(new Date(2024, 0, 1)).ok).toBe(false);
    expect(parseMoney('  ')).toEqual({ ok: false, empty: true });
    expect(parseMoney(null)).toEqual({ ok: false, empty: true });
    expect(parseMoney(Number.NaN).ok).toBe(false);
  });
});

describe('parsePercentage', () => {
  test.each([
    ['95,5%', '95.5'],
    ['95.5 %', '95.5'],
    ['95,5', '95.5'],
    [95.5, '95.5'],
    ['100%', '100'],
    ['-2%', '-2'],
  ])('%s → %s points', (input, expected) => {
    expect(val(parsePercentage(input))).toBe(expected);
  });
  test('a fraction (0,955 or a %-formatted cell) is read as points, with a note', () => {
    for (const input of [0.955, '0,955']) {
      const p = parsePercentage(input);
      expect(p.ok && p.value.toString()).toBe('95.5');
      expect(p.ok && p.note).toMatch(/fractie/);
    }
    expect(val(parsePercentage(1))).toBe('100');
  });
  test('a percentage never has a thousands group: one separator is a decimal sign, without a note', () => {
    for (const input of ['97.125%', '97,125%', '97.125', '97,125']) {
      const p = parsePercentage(input);
      expect(p.ok && p.value.toString()).toBe('97.125');
      expect(p.ok && p.note).toBeUndefined();
    }
  });
  test('a fraction written with % stays a small percentage', () => {
    expect(val(parsePercentage('0,5%'))).toBe('0.5');
  });
});

describe('parseBoolean', () => {
  test.each([
    ['ja', true],
    ['Ja', true],
    ['x', true],
    ['X', true],
    ['WAAR', true],
    [true, true],
    [1, true],
    ['nee', false],
    ['N', false],
    [false, false],
    [0, false],
    ['onwaar', false],
  ])('%s → %s', (input, expected) => {
    expect(parseBoolean(input)).toEqual({ ok: true, value: expected });
  });
  test('empty is not false, nonsense is an error', () => {
    expect(parseBoolean('')).toEqual({ ok: false, empty: true });
    expect(parseBoolean('misschien').ok).toBe(false);
    expect(parseBoolean(2).ok).toBe(false);
  });
});

describe('parseDate', () => {
  test.each([
    ['25-9-2024', '2024-09-25'],
    ['25-09-2024', '2024-09-25'],
    ['25/09/2024', '2024-09-25'],
    ['2024-09-25', '2024-09-25'],
    ['5 september 2024', '2024-09-05'],
    ['5 sept. 2024', '2024-09-05'],
  ])('%s → %s', (input, expected) => {
    expect(val(parseDate(input))).toBe(expected);
  });
  test('Date cells are calendar days (UTC, as exceljs delivers them)', () => {
    expect(val(parseDate(new Date(Date.UTC(2024, 8, 25))))).toBe('2024-09-25');
  });
  test('impossible dates are refused', () => {
    expect(parseDate('31-2-2024').ok).toBe(false);
    expect(parseDate('2024-13-01').ok).toBe(false);
    expect(parseDate('morgen').ok).toBe(false);
  });
});

test('parseInteger, parseText and parseNumberText', () => {
  expect(parseInteger('2025')).toEqual({ ok: true, value: 2025 });
  expect(parseInteger(2025)).toEqual({ ok: true, value: 2025 });
  expect(parseInteger('20,5').ok).toBe(false);
  expect(parseText('  Zorg BV ')).toEqual({ ok: true, value: 'Zorg BV' });
  expect(parseText(12345)).toEqual({ ok: true, value: '12345' });
  expect(parseText({ error: '#REF!' }).ok).toBe(false);
  expect(val(parseNumberText('+0,3'))).toBe('0.3');
  expect(val(parseNumberText('−2'))).toBe('-2');
  expect(val(parseNumberText(',5'))).toBe('0.5');
});

describe('parseInteger', () => {
  test('one separator with three digits is a thousands group in a whole number, with a note', () => {
    for (const input of ['1.234', '1,234']) {
      const p = parseInteger(input);
      expect(p).toMatchObject({ ok: true, value: 1234 });
      expect(p.ok && p.note).toMatch(/gelezen als 1234/);
    }
    expect(parseInteger('2025')).toEqual({ ok: true, value: 2025 });
  });
  test('a whole number too large to hold exactly is refused', () => {
    const p = parseInteger('9'.repeat(400));
    expect(p.ok === false && 'reason' in p && p.reason).toMatch(/is te groot$/);
  });
});
