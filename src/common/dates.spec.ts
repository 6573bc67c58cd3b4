import { fromDmy, isCalendarDate, timeIn, toDmy, todayIn } from './dates';

describe('calendar dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-02-31', false],
    ['31/02/2024', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
  ])('accepts only real dates in YYYY-MM-DD: %s is one: %s', (text, ok) => {
    expect(isCalendarDate(text)).toBe(ok);
  });

  it('converts to and from the official dd/mm/yyyy', () => {
    expect(toDmy('2022-09-30')).toBe('30/09/2022');
    expect(fromDmy('29/12/2023')).toBe('2023-12-29');
    expect(fromDmy('31/13/2022')).toBeUndefined();
    expect(fromDmy('31/02/2024')).toBeUndefined();
  });

  it('computes today in Mexico City, not in UTC', () => {
    // 2024-01-01 03:00 UTC is still 31 December in Mexico City (UTC-6).
    expect(todayIn('America/Mexico_City', new Date('2024-01-01T03:00:00Z'))).toBe('2023-12-31');
    expect(todayIn('America/Mexico_City', new Date('2024-01-01T07:00:00Z'))).toBe('2024-01-01');
  });

  it('reads the wall-clock time in Mexico City', () => {
    expect(timeIn('America/Mexico_City', new Date('2026-12-04T14:05:00Z'))).toBe('08:05');
    expect(timeIn('America/Mexico_City', new Date('2026-12-05T05:59:00Z'))).toBe('23:59');
    expect(timeIn('America/Mexico_City', new Date('2026-12-05T06:00:00Z'))).toBe('00:00');
  });
});
