import Decimal from 'decimal.js';
import fc from 'fast-check';
import { applyPercentage, dec, formatEuro, formatPercentage, formatPoints, isRoundingMode, shiftedDecimal } from '../../src/domain/money';

describe('applyPercentage', () => {
  test('rounds once, half-up to cents by default', () => {
    // 300 × 99,3 / 100 = 297,9 exactly
    expect(applyPercentage(dec('300'), dec('99.3')).rounded.toString()).toBe('297.9');
    // 123,45 × 95,5 / 100 = 117,89475 → 117,89
    expect(applyPercentage(dec('123.45'), dec('95.5')).rounded.toString()).toBe('117.89');
    // 0,05 × 50 / 100 = 0,025 → 0,03 half-up, 0,02 half-even
    expect(applyPercentage(dec('0.05'), dec('50')).rounded.toString()).toBe('0.03');
    expect(applyPercentage(dec('0.05'), dec('50'), 'bankiers').rounded.toString()).toBe('0.02');
    expect(applyPercentage(dec('0.05'), dec('50'), 'naar-beneden').rounded.toString()).toBe('0.02');
    expect(applyPercentage(dec('0.01'), dec('10'), 'naar-boven').rounded.toString()).toBe('0.01');
  });

  test('keeps the exact product for explanations', () => {
    expect(applyPercentage(dec('123.45'), dec('95.5')).exact.toString()).toBe('117.89475');
  });

  test('is exact where floats are not', () => {
    // In floats 0.1 + 0.2 style errors would show here: 1,15 × 95,5% = 1,09825 → 1,10.
    expect(applyPercentage(dec('1.15'), dec('95.5')).rounded.toString()).toBe('1.1');
    expect(applyPercentage(dec('1.005'), dec('100')).rounded.toString()).toBe('1.01');
  });
});

describe('formatting for Dutch users', () => {
  test('euro with thousands dots and decimal comma', () => {
    expect(formatEuro(dec('1234.5'))).toBe('€ 1.234,50');
    expect(formatEuro(dec('1234567.891'))).toBe('€ 1.234.567,89');
    expect(formatEuro(dec('-3'))).toBe('-€ 3,00');
    expect(formatEuro(dec('0.004'))).toBe('€ 0,00');
  });
  test('percentages and points', () => {
    expect(formatPercentage(dec('95.5'))).toBe('95,5%');
    expect(formatPercentage(dec('100'))).toBe('100%');
    expect(formatPercentage(dec('93.90'))).toBe('93,9%');
    expect(formatPoints(dec('-2'))).toBe('−2 procentpunt');
    expect(formatPoints(dec('0.3'))).toBe('+0,3 procentpunt');
  });
  test('rounding modes are named', () => {
    expect(isRoundingMode('rekenkundig')).toBe(true);
    expect(isRoundingMode('bankiers')).toBe(true);
    expect(isRoundingMode('HALF_UP')).toBe(false);
    expect(isRoundingMode(undefined)).toBe(false);
  });
});

describe('formatEuro and applyPercentage as they were written before their shortcuts', () => {
  // the earlier formatEuro: round to cents, then group; the earlier tariff: ÷ 100
  const reference = (v: ReturnType<typeof dec>) => {
    const [int, frac = ''] = v.abs().toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString().split('.');
    return `${v.isNegative() ? '-' : ''}€ ${int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${frac.padEnd(2, '0')}`;
  };
  const amount = fc.tuple(fc.bigInt({ min: -(10n ** 45n), max: 10n ** 45n }), fc.integer({ min: 0, max: 6 })).map(([n, scale]) => dec(`${n}e-${scale}`));

  test('formatEuro gives the same text for any amount (cents or not, negative, zero, past toExpPos)', () => {
    fc.assert(
      fc.property(amount, (v) => expect(formatEuro(v)).toBe(reference(v))),
      { numRuns: 3000, seed: 27 },
    );
    for (const v of [dec(0), dec('-0'), dec('1e39'), dec('1e40'), dec('-1e41'), dec('999.995'), dec('0.005')]) expect(formatEuro(v)).toBe(reference(v));
  });

  test('applyPercentage gives the same exact and rounded values as ÷ 100', () => {
    fc.assert(
      fc.property(amount, amount, (m, p) => {
        const { exact, rounded } = applyPercentage(m, p);
        const before = m.times(p).dividedBy(100);
        expect(exact.toString()).toBe(before.toString());
        expect(rounded.toString()).toBe(before.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString());
      }),
      { numRuns: 3000, seed: 27 },
    );
  });
});

describe('shiftedDecimal: number text × 10^n on its digits, as decimal.js writes it', () => {
  const viaDecimal = (text: string, shift: number) => dec(text).times(dec(10).pow(shift)).toString();

  test('examples', () => {
    expect(shiftedDecimal('0.955', 2)).toBe('95.5');
    expect(shiftedDecimal('1', 2)).toBe('100');
    expect(shiftedDecimal('0.0005', 2)).toBe('0.05');
    expect(shiftedDecimal('-012.3400')).toBe('-12.34');
    expect(shiftedDecimal('97.3', -2)).toBe('0.973');
    expect(shiftedDecimal('0.5', -2)).toBe('0.005');
    expect(shiftedDecimal('-1234.5', -2)).toBe('-12.345');
    // a text already as decimal.js writes it comes back as it is
    for (const text of ['234.86', '-0.973', '0.5', '7', '-12']) expect(shiftedDecimal(text)).toBe(text);
    // zero (decimal.js writes "-0" for a negative one) and anything not plain: left to decimal.js
    for (const text of ['0', '-0.00', '-', '-.5', '1e-7', '+1', '.5', '1.', ' 1', '1,5', '1.2.3', '0x1', '', '123456789012345678901'])
      expect(shiftedDecimal(text)).toBeUndefined();
  });

  test('the same text as decimal.js for every plain decimal', () => {
    const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: max });
    fc.assert(
      fc.property(fc.boolean(), digits(20), fc.option(digits(20)), fc.constantFrom(0, 2, -2), (negative, int, frac, shift) => {
        const text = `${negative ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`;
        const ours = shiftedDecimal(text, shift);
        if (dec(text).isZero()) expect(ours).toBeUndefined();
        else expect(ours).toBe(viaDecimal(text, shift));
      }),
      { numRuns: 5000, seed: 7 },
    );
  });

  test('a number read from its shortest text gives decimal.js its digits (percentText, tariffText)', () => {
    let plain = 0;
    // any double, and amounts and fractions as sheets hold them (a division makes the float nearest to the decimal)
    const typed = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 })).map(([i, k]) => i / 10 ** k);
    const numbers = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), typed);
    fc.assert(
      fc.property(numbers, fc.constantFrom(0, 2, -2), (n, shift) => {
        const ours = shiftedDecimal(String(n), shift);
        if (ours === undefined) return;
        plain++;
        expect(ours).toBe(dec(n).times(dec(10).pow(shift)).toString());
      }),
      { numRuns: 5000, seed: 11 },
    );
    // most numbers a sheet holds are plain: the shortcut is what is tested here, not the fallback
    expect(plain).toBeGreaterThan(2000);
  });
});
