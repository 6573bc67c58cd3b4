/**
 * Calendar dates travel as 'YYYY-MM-DD' strings (PostgreSQL `date`), never as
 * JS Date objects, so that no time zone can shift them by a day.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DMY_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  return isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

function isValidYmd(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy', as the official format prints dates. */
export function toDmy(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`Not an ISO date: ${iso}`);
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** 'dd/mm/yyyy' → 'YYYY-MM-DD', or undefined if it is not a real date. */
export function fromDmy(text: string): string | undefined {
  const m = DMY_DATE.exec(text.trim());
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isValidYmd(y, mo, d)) return undefined;
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/** Building a DateTimeFormat costs far more than using one: one per time zone. */
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date in the given IANA time zone, as 'YYYY-MM-DD'. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let format = DAY_FORMATS.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DAY_FORMATS.set(timeZone, format);
  }
  return format.format(now);
}

const TIME_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time in the given IANA time zone, as 'HH:MM' (24 h). */
export function timeIn(timeZone: string, now: Date = new Date()): string {
  let format = TIME_FORMATS.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    TIME_FORMATS.set(timeZone, format);
  }
  return format.format(now);
}
