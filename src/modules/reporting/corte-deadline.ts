import { format } from 'date-fns/format';
import { lastDayOfMonth } from 'date-fns/lastDayOfMonth';
import type { BusinessCalendar } from '../../common/business-calendar';

/**
 * The dates of a corte (product.md §3), the one rule for every cut whoever
 * creates it (the cortes routes, the importers' historical cuts): the cut-off
 * date is the last day of the month unless one is given, and reports are due
 * `businessDays` business days after it (CORTE_SUBMISSION_BUSINESS_DAYS).
 */
export function monthEndCutoff(year: number, month: number): string {
  return format(lastDayOfMonth(new Date(year, month - 1, 1)), 'yyyy-MM-dd');
}

export function submissionDeadline(calendar: BusinessCalendar, cutoffDate: string, businessDays: number): string {
  return calendar.addBusinessDays(cutoffDate, businessDays);
}
