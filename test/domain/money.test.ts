import { applyPercentage, dec, formatEuro, formatPercentage, formatPoints, isRoundingMode } from '../../src/domain/money';

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
