import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { toDmy } from '../../common/dates';
import { AppConfig } from '../../config/app-config';
import { OutboxRepository } from '../../queue/outbox.repository';
import { NoticeEventType, OutboxPayloads } from '../../queue/outbox.types';
import { SettingsService } from '../settings/settings.service';
import { DeliveryLogRepository } from './delivery-log.repository';
import { webLinks } from './links';
import { Recipient, RecipientsRepository } from './recipients.repository';
import { ReminderScanService } from './reminder-scan.service';
import { renderNotice } from './templates';

/** What one outbox event tells whom. */
interface Notice {
  recipients: Recipient[];
  subject: string;
  lead: string;
  detail?: string;
  link: string;
}

interface NoticeContext {
  recipients: RecipientsRepository;
  links: ReturnType<typeof webLinks>;
  /** What the notice calls the action. */
  action(actionId: string): Promise<string>;
}

type NoticeBuilder<K extends NoticeEventType> = (p: OutboxPayloads[K], c: NoticeContext) => Promise<Notice>;

/** One builder per event type that OUTBOX_JOBS turns into notices: one without a builder, or a builder for another type, does not compile. */
const BUILDERS: { [K in NoticeEventType]: NoticeBuilder<K> } = {
  'avance.enviado': async (p, c) => ({
    recipients: await c.recipients.coordinadoresOfAsm(p.asmId),
    subject: 'Avance enviado para tu revisión',
    lead: `Un área responsable envió un avance del ${p.percent} % de la acción «${await c.action(p.actionId)}». Revísalo: apruébalo o devuélvelo con el motivo.`,
    link: c.links.review(p.avanceId),
  }),
  'avance.devuelto': async (p, c) => ({
    recipients: await c.recipients.responsablesOfAction(p.actionId),
    subject: 'Tu avance fue devuelto',
    lead: `El área coordinadora devolvió el avance de la acción «${await c.action(p.actionId)}». Corrígelo y vuelve a enviarlo.`,
    detail: `Motivo: ${p.reason}`,
    link: c.links.action(p.actionId),
  }),
  'avance.aprobado': async (p, c) => ({
    recipients: await c.recipients.responsablesOfAction(p.actionId),
    subject: 'Tu avance fue aprobado',
    lead: `El área coordinadora aprobó el avance del ${p.percent} % de la acción «${await c.action(p.actionId)}».`,
    link: c.links.action(p.actionId),
  }),
  'prorroga.solicitada': async (p, c) => ({
    recipients: await c.recipients.coordinadoresOfAsm(p.asmId),
    subject: 'Solicitud de prórroga',
    lead: `Un área responsable solicita mover la fecha de término de la acción «${await c.action(p.actionId)}» al ${toDmy(p.requestedDueDate)}.`,
    link: c.links.prorroga(p.prorrogaId),
  }),
  'prorroga.aprobada': async (p, c) => ({
    recipients: await c.recipients.responsablesOfAction(p.actionId),
    subject: 'Prórroga aprobada',
    lead: `Se aprobó la prórroga de la acción «${await c.action(p.actionId)}»: su nueva fecha de término es el ${toDmy(p.requestedDueDate)}.`,
    detail: p.reason ? `Motivo: ${p.reason}` : undefined,
    link: c.links.action(p.actionId),
  }),
  'prorroga.rechazada': async (p, c) => ({
    recipients: await c.recipients.responsablesOfAction(p.actionId),
    subject: 'Prórroga rechazada',
    lead: `Se rechazó la prórroga solicitada para la acción «${await c.action(p.actionId)}»; la fecha de término no cambia.`,
    detail: p.reason ? `Motivo: ${p.reason}` : undefined,
    link: c.links.action(p.actionId),
  }),
  'corte.abierto': async (p, c) => ({
    recipients: await c.recipients.responsablesOfLiveActions(),
    subject: `Se abrió el corte ${p.label}`,
    lead: `La unidad de evaluación abrió el corte ${p.label}: registra y envía el avance de tus acciones antes de la fecha límite.`,
    link: c.links.corte(p.corteId),
  }),
};

function isNotice(type: string): type is NoticeEventType {
  return Object.hasOwn(BUILDERS, type);
}

function build<K extends NoticeEventType>(type: K, payload: OutboxPayloads[K], c: NoticeContext): Promise<Notice> {
  const builder: NoticeBuilder<K> = BUILDERS[type];
  return builder(payload, c);
}

/**
 * Turns an outbox event into immediate notices for the people concerned, one
 * message per person, recorded in the delivery log. Idempotent: handling the
 * same event again adds nothing (one notice per event and person).
 */
@Injectable()
export class NoticesService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly recipients: RecipientsRepository,
    private readonly log: DeliveryLogRepository,
    private readonly settings: SettingsService,
    private readonly scan: ReminderScanService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Handles the event and marks it handled. The mark comes after its notices
   * are in the delivery log: an event whose job was lost before that (Redis
   * lost its data) is handed to the queue again by the sweeper.
   */
  async handle(outboxId: number): Promise<number> {
    const n = await this.notify(outboxId);
    await this.outbox.markHandled(outboxId);
    return n;
  }

  private async notify(outboxId: number): Promise<number> {
    const ev = await this.outbox.find(outboxId);
    // An event type this release does not know (written by another one) has no notices.
    if (!ev || !isNotice(ev.type)) return 0;
    const base = this.config.get('PUBLIC_BASE_URL').replace(/\/$/, '');
    const context: NoticeContext = { recipients: this.recipients, links: webLinks(base), action: (id) => this.recipients.actionDescription(id) };
    // The payload was written by the event's producer, typed by OutboxPayloads.
    const { recipients, subject, lead, detail, link } = await build(ev.type, ev.payload as OutboxPayloads[typeof ev.type], context);
    if (recipients.length === 0) return 0;
    const { institutionName } = await this.settings.documentSettings(null);
    const notices = recipients.map((r) => ({
      id: randomUUID(),
      recipientId: r.id,
      email: r.email,
      ...renderNotice({ name: r.full_name, institution: institutionName || 'tu institución', baseUrl: base, subject, lead, detail, link }),
    }));
    const inserted = await this.log.addNotices(outboxId, ev.type, subject, notices);
    await this.scan.handOver(inserted);
    return inserted.length;
  }
}
