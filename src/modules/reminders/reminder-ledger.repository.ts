import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Db, execute, insertAll, select, selectOne } from '../../database/sql';
import type { ReminderItem } from './reminder-items';

// Any 64-bit number unique to this purpose: scans run one at a time, however many workers.
const SCAN_LOCK = 4_725_330_012;

/** What started a scan: the daily schedule, the worker noticing the schedule did not run, or a person. */
export type ScanTrigger = 'programado' | 'recuperado' | 'manual';

/** One run of a day's scan, as reminder_scans adds it up. */
export interface ScanRun {
  date: string;
  trigger: ScanTrigger;
  startedAt: Date;
  digests: number;
  items: number;
}

/** The ledger key of an item: what makes it announced at most once. */
export type LedgerKey = Pick<ReminderItem, 'recipientId' | 'itemType' | 'itemId' | 'reason' | 'occurrence'>;

/**
 * reminder_ledger (what was announced to whom, once) and reminder_scans (which
 * days were scanned, by what, how often).
 */
@Injectable()
export class ReminderLedgerRepository {
  constructor(private readonly ds: DataSource) {}

  /** Holds, until the transaction ends, the lock that makes scans run one after the other. */
  async lockScans(em: EntityManager): Promise<void> {
    await execute(em, `SELECT pg_advisory_xact_lock($1)`, [SCAN_LOCK]);
  }

  /** The keys among `items` already in the ledger. */
  announced(em: EntityManager, items: LedgerKey[]): Promise<LedgerKey[]> {
    return select<LedgerKey>(
      em,
      `SELECT l.recipient_id AS "recipientId", l.item_type AS "itemType", l.item_id AS "itemId", l.reason, l.occurrence
         FROM reminder_ledger l
         JOIN unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[]) AS t(r, ty, i, re, o)
           ON l.recipient_id = t.r AND l.item_type = t.ty AND l.item_id = t.i AND l.reason = t.re AND l.occurrence = t.o`,
      [items.map((i) => i.recipientId), items.map((i) => i.itemType), items.map((i) => i.itemId), items.map((i) => i.reason), items.map((i) => i.occurrence)],
    );
  }

  /** Records the items announced by the digests of `date` (each with its digest's id). */
  async add(em: EntityManager, date: string, entries: (LedgerKey & { notificationId: string })[]): Promise<void> {
    await insertAll(
      em,
      'reminder_ledger (recipient_id uuid, item_type text, item_id uuid, reason text, occurrence text, scan_date date, notification_id uuid)',
      entries,
      (l) => [l.recipientId, l.itemType, l.itemId, l.reason, l.occurrence, date, l.notificationId],
    );
  }

  /** Whether a scan of `date` is recorded (by any trigger). */
  async scanned(date: string, db: Db = this.ds): Promise<boolean> {
    return (await select<{ one: number }>(db, `SELECT 1 AS one FROM reminder_scans WHERE scan_date = $1`, [date])).length > 0;
  }

  /** Adds a run to the day's record (the first run creates it). */
  async recordScan(em: EntityManager, run: ScanRun): Promise<void> {
    await execute(
      em,
      `INSERT INTO reminder_scans (scan_date, first_trigger, first_started_at, digests, items) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (scan_date) DO UPDATE SET runs = reminder_scans.runs + 1, last_finished_at = now(),
         digests = reminder_scans.digests + EXCLUDED.digests, items = reminder_scans.items + EXCLUDED.items`,
      [run.date, run.trigger, run.startedAt, run.digests, run.items],
    );
  }

  /** The latest day up to `until` a scan ran for, if any. */
  async lastScanDate(until: string): Promise<string | undefined> {
    const row = await selectOne<{ d: string | null }>(this.ds, `SELECT max(scan_date)::text AS d FROM reminder_scans WHERE scan_date <= $1`, [until]);
    return row?.d ?? undefined;
  }
}
