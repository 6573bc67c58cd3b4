import { format } from 'date-fns/format';
import { lastDayOfMonth } from 'date-fns/lastDayOfMonth';

/** What the rule needs of the business calendar (BusinessCalendarService). */
export interface BusinessDays {
  addBusinessDays(date: string, n: number): string;
}

/** A cut's cut-off date when none is given: the last day of its month (yyyy-MM-dd). */
export function defaultCutoffDate(year: number, month: number): string {
  return format(lastDayOfMonth(new Date(year, month - 1, 1)), 'yyyy-MM-dd');
}

/** Whether a cut-off date falls in the cut's month. */
export function cutoffInMonth(cutoffDate: string, year: number, month: number): boolean {
  return cutoffDate.slice(0, 7) === format(new Date(year, month - 1, 1), 'yyyy-MM');
}

/**
 * The corte deadline rule, in one place for the cuts created by hand and by the importers: the
 * submission deadline is `businessDays` business days (setting CORTE_SUBMISSION_BUSINESS_DAYS)
 * after the cut-off date, the cut-off date being the last day of the month unless given.
 */
export function corteDates(
  calendar: BusinessDays,
  businessDays: number,
  cut: { year: number; month: number; cutoffDate?: string },
): { cutoffDate: string; submissionDeadline: string } {
  const cutoffDate = cut.cutoffDate ?? defaultCutoffDate(cut.year, cut.month);
  return { cutoffDate, submissionDeadline: calendar.addBusinessDays(cutoffDate, businessDays) };
}
