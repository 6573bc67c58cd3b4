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

/** A formatter per time zone, built on first use: building a DateTimeFormat costs far more than using one. */
function perTimeZone(locale: string, options: Intl.DateTimeFormatOptions): (timeZone: string) => Intl.DateTimeFormat {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (timeZone) => {
    let format = formats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      formats.set(timeZone, format);
    }
    return format;
  };
}

// en-CA formats as YYYY-MM-DD.
const dayFormat = perTimeZone('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
const timeFormat = perTimeZone('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Today's calendar date in the given IANA time zone, as 'YYYY-MM-DD'. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return dayFormat(timeZone).format(now);
}

/** The wall-clock time in the given IANA time zone, as 'HH:MM' (24 h). */
export function timeIn(timeZone: string, now: Date = new Date()): string {
  return timeFormat(timeZone).format(now);
}
