import { Injectable } from '@nestjs/common';
import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { isWeekend } from 'date-fns/isWeekend';
import { parseISO } from 'date-fns/parseISO';
import type Holidays from 'date-holidays';
import { lazy } from './lazy';
import { AppConfig } from '../config/app-config';

/**
 * Mexican federal business days (días hábiles): not Saturday or Sunday, not an
 * official rest day of the Ley Federal del Trabajo, art. 74 (date-holidays'
 * "public" days for MX: 1 Jan, first Monday of February, third Monday of March,
 * 1 May, 16 September, third Monday of November, 1 December every six years,
 * 25 December), and not a day the institution declares in
 * EXTRA_NON_BUSINESS_DAYS (e.g. Holy Thursday and Friday by its own acuerdo).
 * Dates are calendar dates 'YYYY-MM-DD'.
 */
export class BusinessCalendar {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  private readonly holidays = lazy(() => new (require('date-holidays') as typeof Holidays)('MX'));
  private readonly byYear = new Map<number, Set<string>>();

  constructor(private readonly extra: ReadonlySet<string> = new Set()) {}

  private restDays(year: number): Set<string> {
    let set = this.byYear.get(year);
    if (!set) {
      set = new Set(
        this.holidays()
          .getHolidays(year)
          .filter((h) => h.type === 'public')
          .map((h) => h.date.slice(0, 10)),
      );
      this.byYear.set(year, set);
    }
    return set;
  }

  /** The official rest day (or institution's day off) on that date, if any. */
  isHoliday(date: string): boolean {
    return this.extra.has(date) || this.restDays(Number(date.slice(0, 4))).has(date);
  }

  isBusinessDay(date: string): boolean {
    return !isWeekend(parseISO(date)) && !this.isHoliday(date);
  }

  /**
   * The date `n` business days after `date`, counting only the days after it
   * (a Sunday + 1 is the Monday). n = 0: `date` itself if hábil, else the next hábil day.
   */
  addBusinessDays(date: string, n: number): string {
    let d = parseISO(date);
    if (n === 0) {
      while (!this.isBusinessDay(format(d, 'yyyy-MM-dd'))) d = addDays(d, 1);
      return format(d, 'yyyy-MM-dd');
    }
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isBusinessDay(format(d, 'yyyy-MM-dd'))) left -= 1;
    }
    return format(d, 'yyyy-MM-dd');
  }

  /** Business days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
  businessDaysBetween(from: string, to: string): number {
    if (to < from) return -this.businessDaysBetween(to, from);
    let count = 0;
    const start = parseISO(from);
    const days = differenceInCalendarDays(parseISO(to), start);
    for (let i = 1; i <= days; i++) if (this.isBusinessDay(format(addDays(start, i), 'yyyy-MM-dd'))) count += 1;
    return count;
  }
}

@Injectable()
export class BusinessCalendarService extends BusinessCalendar {
  /** The institution's time zone: a submission's calendar day is its day there. */
  readonly timeZone: string;

  constructor(config: AppConfig) {
    super(new Set(config.get('EXTRA_NON_BUSINESS_DAYS').split(',').filter(Boolean)));
    this.timeZone = config.get('TIME_ZONE');
  }
}
