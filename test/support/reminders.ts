import type { INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import { MailSender } from '../../src/modules/reminders/mail-sender.service';
import { ReminderScanService } from '../../src/modules/reminders/reminder-scan.service';

/** The calendar days from `from` to `to`, both included (YYYY-MM-DD). */
export function calendarDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (const d = new Date(`${from}T12:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

/** Per day, what the responsable and the coordinador were reminded of (each list sorted). */
export type RemindedByDay = Record<string, { responsable?: string[]; coordinador?: string[] }>;

/** A row of the reminder ledger: one item a recipient was reminded of, for a reason, at a stage (days, or repeat number). */
export interface ReminderItem {
  recipient_id: string;
  item_id: string;
  reason: string;
  stage: string;
}

/**
 * Time travel over `days`: each day's scan as the worker runs it, then every digest the scan wrote sent (each must go
 * out). Returns what each of the two `users` was reminded of each day, every item written by `label`.
 */
export async function remindersByDay(
  ctx: INestApplicationContext,
  db: Pool,
  days: string[],
  users: { responsable: string; coordinador: string },
  label: (i: ReminderItem) => string,
): Promise<RemindedByDay> {
  const scan = ctx.get(ReminderScanService);
  const mail = ctx.get(MailSender);
  const sent: RemindedByDay = {};
  for (const day of days) {
    const result = await scan.run(day);
    const digests = (await db.query(`SELECT id FROM notification_log WHERE digest_date = $1`, [day])).rows as { id: string }[];
    expect(digests).toHaveLength(result.digests);
    for (const d of digests) expect(await mail.send(d.id)).toBe('enviado');
    const items = (
      await db.query(`SELECT recipient_id, item_id, reason, split_part(occurrence, '@', 1) AS stage FROM reminder_ledger WHERE scan_date = $1`, [day])
    ).rows as ReminderItem[];
    for (const i of items) {
      const who = i.recipient_id === users.responsable ? 'responsable' : 'coordinador';
      ((sent[day] ??= {})[who] ??= []).push(label(i));
    }
    for (const who of Object.values(sent[day] ?? {})) who.sort();
  }
  return sent;
}
