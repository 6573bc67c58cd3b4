/**
 * Promedio of an ASM: the mean of its actions' % (weighted when weights are
 * set; an action without weight weighs 1, so "no weights" is the plain mean),
 * rounded half-up to two decimals and printed "98.00%".
 *
 * Computed in integers (weights have at most two decimals) so that no binary
 * floating point error can flip a rounding: 1/3 of 100 is 33.33, 2/3 is 66.67.
 */
export interface WeightedPercent {
  percent: number;
  weight?: number | null;
}

/** Returns the promedio in hundredths of a percent (9800 = 98.00 %), or null with no actions. */
export function promedioHundredths(actions: readonly WeightedPercent[]): number | null {
  if (actions.length === 0) return null;
  let num = 0;
  let den = 0;
  for (const a of actions) {
    const w = Math.round((a.weight ?? 1) * 100);
    if (!Number.isInteger(a.percent) || a.percent < 0 || a.percent > 100) throw new RangeError(`percent out of range: ${a.percent}`);
    if (w <= 0) throw new RangeError(`weight must be positive: ${a.weight}`);
    num += a.percent * w;
    den += w;
  }
  // round(num * 100 / den) half-up, in integers.
  return Math.floor((2 * num * 100 + den) / (2 * den));
}

export function promedio(actions: readonly WeightedPercent[]): number | null {
  const h = promedioHundredths(actions);
  return h === null ? null : h / 100;
}

/** "98.00%"; an ASM without actions has no promedio and prints an empty cell. */
export function formatPromedio(hundredths: number | null): string {
  if (hundredths === null) return '';
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}%`;
}

/**
 * The same promedio in SQL, an aggregate over an ASM's actions (GROUP BY the ASM): numeric
 * arithmetic is exact and `round` rounds half away from zero, so it equals promedioHundredths / 100
 * (test/medium/asm-progress.medium-spec.ts holds the two equal on stored actions).
 */
export function promedioSql(percent: string, weight: string): string {
  return `round(sum(${percent} * COALESCE(${weight}, 1)) / sum(COALESCE(${weight}, 1)), 2)`;
}
