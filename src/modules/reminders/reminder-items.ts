import type { BusinessCalendar } from '../../common/business-calendar';

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

/** Weekly repetition index of something `days` days old (1..repeat → 0, …). */
export function weekIndex(days: number, repeat: number): number {
  return Math.floor((days - 1) / repeat);
}

export function businessDaysSince(cal: BusinessCalendar, from: string, today: string): number {
  return cal.businessDaysBetween(from, today);
}
