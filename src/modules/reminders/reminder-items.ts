export type ItemType = 'accion' | 'corte' | 'avance';
export type Reason = 'por-vencer' | 'vencida' | 'vencida-escalada' | 'corte-plazo' | 'revision-pendiente';

/** One thing to announce to one person, and the key that makes it announced at most once. */
export interface ReminderItem {
  recipientId: string;
  itemType: ItemType;
  itemId: string;
  reason: Reason;
  occurrence: string;
  /** What the digest prints. */
  title: string;
  detail: string;
  /** Sorting within a digest section: the date that matters. */
  date: string;
  link: string;
}

export interface ReminderRules {
  dueOffsets: number[];
  overdueRepeatDays: number;
  escalateBusinessDays: number;
  corteOffsets: number[];
  reviewBusinessDays: number;
}

/**
 * The reminder stage a countdown is in: the smallest configured offset that is
 * not below the time left. A day missed (the worker was down) is caught up the
 * next day, and a stage already announced is never announced again (ledger).
 */
export function stage(offsets: number[], left: number): number | undefined {
  const candidates = offsets.filter((o) => o >= left);
  return candidates.length ? Math.min(...candidates) : undefined;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function parseOffsets(list: string): number[] {
  return [...new Set(list.split(',').map(Number))].sort((a, b) => b - a);
}

/** What was already announced of one repeating series (an overdue action, an avance waiting for review). */
export interface SeriesHistory {
  /** The scan date of the latest announcement. */
  last: string;
  /** The highest occurrence index announced. */
  index: number;
}

/**
 * The occurrence index a repeating series announces today, or undefined when
 * it is not yet time: the first (0) as soon as it is due, then the next one
 * once `sinceLast` (days since the previous announcement, in the series' own
 * unit) reaches `every`. Spacing from the previous announcement, not from
 * fixed windows since the due date, is what keeps a late first announcement
 * (a missed day caught up, a rest day skipped, an escalation that starts on
 * day 14) from being repeated the next day.
 */
export function nextInSeries(history: SeriesHistory | undefined, sinceLast: (last: string) => number, every: number): number | undefined {
  if (!history) return 0;
  return sinceLast(history.last) >= every ? history.index + 1 : undefined;
}
