import fc from 'fast-check';
import { addDays, daysBetween, formatDate } from '../../src/domain/assessments/dates';

test('calendar days, as the seed counts them', () => {
  expect(addDays('2024-09-05', 20)).toBe('2024-09-25'); // 004 §6.9.6: 5-9-2024 + 20 kalenderdagen
  expect(addDays('2024-10-25', 14)).toBe('2024-11-08'); // 004 §6.12: kort geding
  expect(addDays('2024-10-20', 14)).toBe('2024-11-03'); // across the end of summer time: still whole days
  expect(addDays('2024-02-20', 10)).toBe('2024-03-01'); // leap year
  expect(addDays('2024-12-25', 10)).toBe('2025-01-04');
  expect(formatDate('2024-09-25')).toBe('25-9-2024');
});

test('addDays and daysBetween are inverse', () => {
  fc.assert(fc.property(fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2090, 0, 1)), noInvalidDate: true }), fc.integer({ min: -1000, max: 1000 }), (d, n) => {
    const iso = d.toISOString().slice(0, 10);
    expect(daysBetween(iso, addDays(iso, n))).toBe(n);
  }));
});
