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
 * official rest day of the Ley Federal del Trabajo, art. 74 (1 January, first
 * Monday of February, third Monday of March, 1 May, 16 September, third Monday
 * of November, 25 December, and the day the federal executive changes hands:
 * 1 December every six years until 2018, 1 October every six years from 2024),
 * and not a day the institution declares in EXTRA_NON_BUSINESS_DAYS (e.g. Holy
 * Thursday and Friday by its own acuerdo). Election days (art. 74 fr. IX) are
 * set by the electoral laws each time: declare them in EXTRA_NON_BUSINESS_DAYS.
 * Dates are calendar dates 'YYYY-MM-DD'.
 */
/**
 * date-holidays' Mexican calendar, corrected where it departs from art. 74:
 * it still puts the transfer of the federal executive on 1 December in 2024,
 * 2030, …, while the constitutional reform of 2014 moved the inauguration to
 * 1 October from 2024 on, and art. 74 fr. VI follows it. Every correction of
 * the library lives here; business-calendar.spec.ts checks the whole list.
 */
function mexicanRestDays(Lib: typeof Holidays): Holidays {
  const hd = new Lib('MX');
  const name = { es: 'Transmisión del Poder Ejecutivo Federal', en: 'Change of Federal Government' };
  hd.setHoliday('12-01 every 6 years since 1934', { name, type: 'public', active: [{ to: '2024-01-01' }] });
  hd.setHoliday('10-01 every 6 years since 2024', { name, type: 'public', active: [{ from: '2024-01-01' }] });
  return hd;
}

export class BusinessCalendar {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  private readonly holidays = lazy(() => mexicanRestDays(require('date-holidays') as typeof Holidays));
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

  /**
   * The last calendar day before the business day that follows `date`: `date`
   * itself when tomorrow is hábil, the Sunday after a Friday, the holiday
   * Monday after a Friday before a long weekend.
   */
  lastDayBeforeNextBusinessDay(date: string): string {
    return format(addDays(parseISO(this.addBusinessDays(date, 1)), -1), 'yyyy-MM-dd');
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
