import { BusinessCalendar } from '../../common/business-calendar';
import { corteDates, cutoffInMonth, defaultCutoffDate } from './corte-deadline';

describe('corte dates', () => {
  it('cuts on the last day of the month, leap years included', () => {
    expect(defaultCutoffDate(2022, 9)).toBe('2022-09-30');
    expect(defaultCutoffDate(2024, 2)).toBe('2024-02-29');
    expect(defaultCutoffDate(2023, 2)).toBe('2023-02-28');
    expect(defaultCutoffDate(2023, 12)).toBe('2023-12-31');
  });

  it('takes a given cut-off date only inside its month', () => {
    expect(cutoffInMonth('2022-09-15', 2022, 9)).toBe(true);
    expect(cutoffInMonth('2022-10-01', 2022, 9)).toBe(false);
  });

  it('is due the given business days after the cut-off date, skipping weekends and rest days', () => {
    const cal = new BusinessCalendar();
    // 30 September 2022 is a Friday: ten business days later is Friday 14 October.
    expect(corteDates(cal, 10, { year: 2022, month: 9, cutoffDate: '2022-09-30' }).submissionDeadline).toBe('2022-10-14');
    // 31 March 2030 is a Sunday: counting starts on Monday 1 April.
    expect(corteDates(cal, 10, { year: 2030, month: 3, cutoffDate: '2030-03-31' }).submissionDeadline).toBe('2030-04-12');
    // Zero days: the cut-off date itself, or the next business day when it is not one.
    expect(corteDates(cal, 0, { year: 2026, month: 2, cutoffDate: '2026-02-28' }).submissionDeadline).toBe('2026-03-02');
  });
});
