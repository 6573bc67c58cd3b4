import { BusinessCalendar } from './business-calendar';

/** The nth Monday of a month, as 'YYYY-MM-DD' (computed here, independently of date-holidays). */
function nthMonday(year: number, month: number, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const day = 1 + ((8 - first) % 7) + 7 * (n - 1);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Ley Federal del Trabajo, art. 74 (fractions I-VIII; IX, election days, is set each time by the electoral laws). */
function article74(year: number): string[] {
  const days = [
    `${year}-01-01`, // I
    nthMonday(year, 2, 1), // II, 5 February
    nthMonday(year, 3, 3), // III, 21 March
    `${year}-05-01`, // IV
    `${year}-09-16`, // V
    nthMonday(year, 11, 3), // VII, 20 November
    `${year}-12-25`, // VIII
  ];
  if (year >= 2024 && (year - 2024) % 6 === 0) days.push(`${year}-10-01`); // VI, transfer of the federal executive
  return days.sort();
}

describe('Mexican business days (días hábiles)', () => {
  const cal = new BusinessCalendar();

  it('has exactly the rest days of LFT art. 74 in every year from 2020 to 2035', () => {
    const wrong: string[] = [];
    for (let year = 2020; year <= 2035; year++) {
      const law = new Set(article74(year));
      for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
        const date = d.toISOString().slice(0, 10);
        if (cal.isHoliday(date) !== law.has(date)) wrong.push(`${date}: ${law.has(date) ? 'falta' : 'sobra'}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(article74(2030)).toEqual(['2030-01-01', '2030-02-04', '2030-03-18', '2030-05-01', '2030-09-16', '2030-10-01', '2030-11-18', '2030-12-25']);
  });

  it('counts 1 October 2030 out of the September 2030 cut deadline', () => {
    // Monday 30/09/2030 + 10 business days: 1 October is a rest day, so the deadline is Tuesday 15/10.
    expect(cal.addBusinessDays('2030-09-30', 10)).toBe('2030-10-15');
  });

  it('knows the official rest days of LFT art. 74, moved to Mondays where the law says so', () => {
    expect(cal.isHoliday('2024-02-05')).toBe(true); // first Monday of February (Constitución)
    expect(cal.isHoliday('2025-02-03')).toBe(true);
    expect(cal.isHoliday('2026-02-02')).toBe(true);
    expect(cal.isHoliday('2026-02-05')).toBe(false); // the historical date is a working day
    expect(cal.isHoliday('2026-03-16')).toBe(true); // third Monday of March (Juárez)
    expect(cal.isHoliday('2025-09-16')).toBe(true); // Independencia
    expect(cal.isHoliday('2026-11-16')).toBe(true); // third Monday of November (Revolución)
    expect(cal.isHoliday('2024-10-01')).toBe(true); // transmisión del Poder Ejecutivo (every six years, 1 October since 2024)
    expect(cal.isHoliday('2024-12-01')).toBe(false); // no longer 1 December (art. 74 fr. VI as amended)
    expect(cal.isHoliday('2018-12-01')).toBe(true); // …which it was until 2018
    expect(cal.isHoliday('2025-12-01')).toBe(false);
    expect(cal.isHoliday('2025-12-12')).toBe(false); // Guadalupe is not an official rest day
    expect(cal.isHoliday('2025-04-18')).toBe(false); // nor Holy Friday, unless the institution declares it
  });

  it('skips weekends and holidays when adding business days', () => {
    // Friday 2026-01-30 + 1 → Tuesday 2026-02-03 (weekend, then Monday 2 Feb is Constitución)
    expect(cal.addBusinessDays('2026-01-30', 1)).toBe('2026-02-03');
    // Tuesday 2025-09-15 + 1 → Wednesday 17 (16 September is a rest day)
    expect(cal.addBusinessDays('2025-09-15', 1)).toBe('2025-09-17');
    // Friday 2022-09-30 (the September 2022 cut) + 10 → 2022-10-14
    expect(cal.addBusinessDays('2022-09-30', 10)).toBe('2022-10-14');
    // 2023-03-31 (Friday) + 10 → 2023-04-14 (no federal rest day in between by LFT)
    expect(cal.addBusinessDays('2023-03-31', 10)).toBe('2023-04-14');
    // zero days from a Saturday is the next business day; one day from a Sunday is the Monday
    expect(cal.addBusinessDays('2026-02-28', 0)).toBe('2026-03-02');
    expect(cal.addBusinessDays('2030-03-31', 1)).toBe('2030-04-01');
    expect(cal.addBusinessDays('2030-03-31', 10)).toBe('2030-04-12');
  });

  it('counts business days between two dates', () => {
    expect(cal.businessDaysBetween('2025-09-12', '2025-09-19')).toBe(4); // Mon 15, Wed 17, Thu 18, Fri 19
    expect(cal.businessDaysBetween('2025-09-19', '2025-09-12')).toBe(-4);
    expect(cal.businessDaysBetween('2026-01-30', '2026-02-03')).toBe(1);
  });

  it('names the last day before the next business day', () => {
    expect(cal.lastDayBeforeNextBusinessDay('2026-12-03')).toBe('2026-12-03'); // Thursday → Friday is hábil
    expect(cal.lastDayBeforeNextBusinessDay('2026-12-04')).toBe('2026-12-06'); // Friday → the Sunday
    expect(cal.lastDayBeforeNextBusinessDay('2026-12-31')).toBe('2027-01-03'); // Thursday before 1 January (Friday) and the weekend
    expect(cal.lastDayBeforeNextBusinessDay('2027-03-12')).toBe('2027-03-15'); // Friday before the third Monday of March
  });

  it('adds the days the institution declares non-working', () => {
    const inst = new BusinessCalendar(new Set(['2025-04-17', '2025-04-18']));
    expect(inst.addBusinessDays('2025-04-16', 1)).toBe('2025-04-21');
    expect(cal.addBusinessDays('2025-04-16', 1)).toBe('2025-04-17');
  });
});
