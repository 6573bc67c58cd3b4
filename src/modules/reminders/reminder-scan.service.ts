import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Metrics } from '../../common/metrics/metrics.service';
import { toDmy } from '../../common/dates';
import { AppConfig } from '../../config/app-config';
import { UnitOfWork } from '../../database/unit-of-work';
import { QueueService } from '../../queue/queue.service';
import { SettingsService } from '../settings/settings.service';
import { CandidatesService } from './candidates.service';
import { DeliveryLogRepository } from './delivery-log.repository';
import { RecipientsRepository } from './recipients.repository';
import { LedgerKey, ReminderLedgerRepository, ScanTrigger } from './reminder-ledger.repository';
import { daysBetween, parseOffsets, Reason, ReminderItem, ReminderRules } from './reminder-items';
import { QueueUnavailableError, ScanDateInFutureError, ScanDateSupersededError, ScanDateTooOldError } from './reminders.errors';
import { DigestSection, renderDigest } from './templates';

/** How far back a person may ask to run a day's scan again. */
const RERUN_MAX_DAYS = 31;

const SECTION: Record<Reason, string> = {
  'por-vencer': 'Acciones próximas a vencer',
  vencida: 'Acciones vencidas',
  'vencida-escalada': 'Acciones vencidas de ASM que coordinas',
  'corte-plazo': 'Plazo de entrega del corte',
  'revision-pendiente': 'Avances en espera de tu revisión',
};
const ORDER: Reason[] = ['corte-plazo', 'vencida', 'vencida-escalada', 'revision-pendiente', 'por-vencer'];

const ledgerKey = (i: LedgerKey) => `${i.recipientId}|${i.itemType}|${i.itemId}|${i.reason}|${i.occurrence}`;

export interface ScanResult {
  date: string;
  digests: number;
  items: number;
  /** False when the day had already been scanned by the schedule (a scheduled or recovered run does nothing then). */
  ran: boolean;
}

export interface PreviewDigest {
  recipientId: string;
  email: string;
  fullName: string;
  items: ReminderItem[];
}

/**
 * The daily reminder scan: one digest per person per day with every item due
 * for that day that was never announced. The ledger insert and the digest row
 * are written in one transaction, under a lock that makes concurrent scans run
 * one after the other: the second finds everything already announced.
 */
@Injectable()
export class ReminderScanService {
  private readonly logger = new Logger('Recordatorios');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly candidates: CandidatesService,
    private readonly recipients: RecipientsRepository,
    private readonly ledger: ReminderLedgerRepository,
    private readonly log: DeliveryLogRepository,
    private readonly settings: SettingsService,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
  ) {}

  rules(): ReminderRules {
    return {
      dueOffsets: parseOffsets(this.config.get('REMINDER_DUE_OFFSETS')),
      overdueRepeatDays: this.config.get('REMINDER_OVERDUE_REPEAT_DAYS'),
      escalateBusinessDays: this.config.get('REMINDER_ESCALATE_BUSINESS_DAYS'),
      corteOffsets: parseOffsets(this.config.get('REMINDER_CORTE_OFFSETS')),
      reviewBusinessDays: this.config.get('REMINDER_REVIEW_BUSINESS_DAYS'),
    };
  }

  /** Items due on `today` not yet announced, by person (nothing is written). */
  async pending(em: EntityManager, today: string): Promise<PreviewDigest[]> {
    const all = await this.candidates.collect(em, today, this.rules(), this.config.get('PUBLIC_BASE_URL'));
    if (all.length === 0) return [];
    const done = new Set((await this.ledger.announced(em, all)).map(ledgerKey));
    // One digest per person per day: someone already mailed today gets the rest tomorrow (stages catch up).
    const mailedToday = new Set(await this.log.digestRecipients(em, today));
    const byRecipient = new Map<string, ReminderItem[]>();
    for (const i of all) {
      if (mailedToday.has(i.recipientId) || done.has(ledgerKey(i))) continue;
      const list = byRecipient.get(i.recipientId) ?? [];
      list.push(i);
      byRecipient.set(i.recipientId, list);
    }
    if (byRecipient.size === 0) return [];
    const users = await this.recipients.people(em, [...byRecipient.keys()]);
    return users
      .sort((a, b) => a.email.localeCompare(b.email))
      .map((u) => ({ recipientId: u.id, email: u.email, fullName: u.full_name, items: byRecipient.get(u.id)! }));
  }

  async preview(today: string): Promise<PreviewDigest[]> {
    return this.uow.run(async (em) => {
      await this.recipients.withoutJit(em);
      return this.pending(em, today);
    });
  }

  /**
   * Builds and records the digests of `today`; their e-mails are handed to the
   * queue (or wait for the relay). Every run is recorded in reminder_scans, in
   * the same transaction: the scheduled scan and the recovery of a missed one
   * run once per day (the second finds the day done), a manual run always runs
   * and announces only what was never announced.
   */
  async run(today: string, trigger: ScanTrigger = 'manual'): Promise<ScanResult> {
    const started = new Date();
    const { institutionName } = await this.settings.documentSettings(null);
    const created = await this.uow.run(async (em) => {
      await this.ledger.lockScans(em);
      await this.recipients.withoutJit(em);
      if (trigger !== 'manual' && (await this.ledger.scanned(today, em))) return undefined;
      const digests = await this.pending(em, today);
      const rows = digests.map((d) => ({ id: randomUUID(), d, ...this.render(d, today, institutionName) }));
      if (rows.length > 0) await this.record(em, rows, today);
      const items = rows.reduce((n, r) => n + r.d.items.length, 0);
      await this.ledger.recordScan(em, { date: today, trigger, startedAt: started, digests: rows.length, items });
      return rows.map((r) => ({ id: r.id, items: r.d.items.length }));
    });
    if (!created) {
      this.logger.log({ date: today, trigger }, 'Escaneo de recordatorios: ese día ya se había ejecutado');
      return { date: today, digests: 0, items: 0, ran: false };
    }
    await this.handOver(created.map((c) => c.id));
    const result = { date: today, digests: created.length, items: created.reduce((n, c) => n + c.items, 0), ran: true };
    this.metrics.reminderScanDuration.observe({ trigger }, (Date.now() - started.getTime()) / 1000);
    this.metrics.reminderDigests.inc(result.digests);
    this.metrics.reminderItems.inc(result.items);
    this.logger.log({ ...result, trigger, ms: Date.now() - started.getTime() }, 'Escaneo de recordatorios');
    return result;
  }

  private async record(em: EntityManager, rows: { id: string; d: PreviewDigest; subject: string; text: string; html: string }[], today: string): Promise<void> {
    await this.log.addDigests(
      em,
      today,
      rows.map((r) => ({ id: r.id, recipientId: r.d.recipientId, email: r.d.email, subject: r.subject, text: r.text, html: r.html, items: r.d.items.length })),
    );
    await this.ledger.add(
      em,
      today,
      rows.flatMap((r) => r.d.items.map((i) => ({ ...i, notificationId: r.id }))),
    );
  }

  /**
   * A person asks the worker to run the scan of `date` (today by default): a
   * day missed, or today again for what was added since. Not a future day, not
   * a day before the latest scan (that one already caught up the days before
   * it, and the digests would speak of a past that is no longer true), not
   * more than RERUN_MAX_DAYS back. Exactly once as any run: the ledger and one
   * digest per person per day hold whoever runs it and however often.
   */
  async request(requestedBy: string | null, date?: string): Promise<{ jobId: string; date: string }> {
    const today = this.clock.today();
    const day = date ?? today;
    if (day > today) throw new ScanDateInFutureError(today);
    if (daysBetween(day, today) > RERUN_MAX_DAYS)
      throw new ScanDateTooOldError(new Date(Date.parse(`${today}T00:00:00Z`) - RERUN_MAX_DAYS * 86_400_000).toISOString().slice(0, 10));
    const last = await this.lastScanDate(today);
    if (last && day < last) throw new ScanDateSupersededError(last);
    try {
      return { jobId: await this.queues.runScanNow(requestedBy, day), date: day };
    } catch {
      throw new QueueUnavailableError();
    }
  }

  /** Whether a scan of `date` has run (by any trigger). */
  async ranOn(date: string): Promise<boolean> {
    return this.ledger.scanned(date);
  }

  /** The latest day up to `until` a scan ran for, if any. */
  async lastScanDate(until: string): Promise<string | undefined> {
    return this.ledger.lastScanDate(until);
  }

  /** Adds the messages to the mail queue now; if Redis is away they stay 'en_cola' and the relay adds them later. */
  async handOver(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.queues.addMails(ids.map((id) => ({ id, round: 0 })));
      await this.log.markHandedOver(ids);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, messages: ids.length }, 'Redis no disponible: los correos esperan en el registro de envíos');
    }
  }

  private render(d: PreviewDigest, today: string, institution: string): { subject: string; text: string; html: string } {
    // Each section lists its most urgent items; a person with hundreds gets a readable e-mail and the count of the rest.
    const max = this.config.get('REMINDER_DIGEST_MAX_ITEMS');
    const sections: DigestSection[] = ORDER.map((reason) => {
      const items = d.items.filter((i) => i.reason === reason).sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
      return {
        title: SECTION[reason],
        items: items.slice(0, max).map(({ title, detail, link }) => ({ title, detail, link })),
        more: Math.max(0, items.length - max),
      };
    }).filter((s) => s.items.length > 0);
    const n = d.items.length;
    const subject = `Seguimiento de ASM: ${n} pendiente${n === 1 ? '' : 's'} al ${toDmy(today)}`;
    const { text, html } = renderDigest({
      name: d.fullName,
      institution: institution || 'tu institución',
      baseUrl: this.config.get('PUBLIC_BASE_URL'),
      subject,
      date: toDmy(today),
      sections,
    });
    return { subject, text, html };
  }
}
