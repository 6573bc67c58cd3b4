import { BusinessCalendar } from '../../common/business-calendar';
import { monthEndCutoff, submissionDeadline } from './corte-deadline';

describe('corte dates', () => {
  it('cuts on the last day of the month, leap years included', () => {
    expect(monthEndCutoff(2022, 9)).toBe('2022-09-30');
    expect(monthEndCutoff(2024, 2)).toBe('2024-02-29');
    expect(monthEndCutoff(2023, 2)).toBe('2023-02-28');
    expect(monthEndCutoff(2023, 12)).toBe('2023-12-31');
  });

  it('is due the given business days after the cut-off date, skipping weekends and rest days', () => {
    const cal = new BusinessCalendar();
    // 30 September 2022 is a Friday: ten business days later is Friday 14 October.
    expect(submissionDeadline(cal, '2022-09-30', 10)).toBe('2022-10-14');
    // 31 March 2030 is a Sunday: counting starts on Monday 1 April.
    expect(submissionDeadline(cal, '2030-03-31', 10)).toBe('2030-04-12');
    // Zero days: the cut-off date itself, or the next business day when it is not one.
    expect(submissionDeadline(cal, '2026-02-28', 0)).toBe('2026-03-02');
  });
});
