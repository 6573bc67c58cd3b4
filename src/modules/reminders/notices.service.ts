import { webLinks } from './links';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toDmy } from '../../common/dates';
import { AppConfig } from '../../config/app-config';
import { SettingsService } from '../settings/settings.service';
import { ReminderScanService } from './reminder-scan.service';
import { renderNotice } from './templates';

interface Recipient {
  id: string;
  email: string;
  full_name: string;
}

const RESPONSABLES_OF_ACTION = `SELECT DISTINCT u.id, u.email, u.full_name FROM action_areas aa JOIN user_areas ua ON ua.area_id = aa.area_id
  JOIN users u ON u.id = ua.user_id AND u.active AND 'responsable' = ANY(u.roles) WHERE aa.action_id = $1`;
const COORDINADORES_OF_ASM = `SELECT DISTINCT u.id, u.email, u.full_name FROM asms a JOIN user_areas ua ON ua.area_id = a.coordinating_area_id
  JOIN users u ON u.id = ua.user_id AND u.active AND 'coordinador' = ANY(u.roles) WHERE a.id = $1`;

/**
 * Turns an outbox event into immediate notices for the people concerned, one
 * message per person, recorded in the delivery log. Idempotent: handling the
 * same event again adds nothing (one notice per event and person).
 */
@Injectable()
export class NoticesService {
  constructor(
    private readonly ds: DataSource,
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
    await this.ds.query(`UPDATE outbox SET handled_at = now() WHERE id = $1 AND handled_at IS NULL`, [outboxId]);
    return n;
  }

  private async notify(outboxId: number): Promise<number> {
    const [ev] = await this.ds.query(`SELECT id, event_type AS type, payload FROM outbox WHERE id = $1`, [outboxId]);
    if (!ev) return 0;
    const p = ev.payload as Record<string, string>;
    const base = this.config.get('PUBLIC_BASE_URL').replace(/\/$/, '');
    let recipients: Recipient[] = [];
    let subject = '';
    let lead = '';
    let detail: string | undefined;
    const links = webLinks(base);
    let link = links.home();
    const action = p.actionId ? (await this.ds.query(`SELECT description FROM actions WHERE id = $1`, [p.actionId]))[0]?.description ?? '' : '';
    switch (ev.type) {
      case 'avance.enviado':
        recipients = await this.ds.query(COORDINADORES_OF_ASM, [p.asmId]);
        subject = 'Avance enviado para tu revisión';
        lead = `Un área responsable envió un avance del ${p.percent} % de la acción «${action}». Revísalo: apruébalo o devuélvelo con el motivo.`;
        link = links.review(p.avanceId);
        break;
      case 'avance.devuelto':
        recipients = await this.ds.query(RESPONSABLES_OF_ACTION, [p.actionId]);
        subject = 'Tu avance fue devuelto';
        lead = `El área coordinadora devolvió el avance de la acción «${action}». Corrígelo y vuelve a enviarlo.`;
        detail = `Motivo: ${p.reason}`;
        link = links.action(p.actionId);
        break;
      case 'avance.aprobado':
        recipients = await this.ds.query(RESPONSABLES_OF_ACTION, [p.actionId]);
        subject = 'Tu avance fue aprobado';
        lead = `El área coordinadora aprobó el avance del ${p.percent} % de la acción «${action}».`;
        link = links.action(p.actionId);
        break;
      case 'prorroga.solicitada':
        recipients = await this.ds.query(COORDINADORES_OF_ASM, [p.asmId]);
        subject = 'Solicitud de prórroga';
        lead = `Un área responsable solicita mover la fecha de término de la acción «${action}» al ${toDmy(p.requestedDueDate)}.`;
        link = links.prorroga(p.prorrogaId);
        break;
      case 'prorroga.aprobada':
      case 'prorroga.rechazada':
        recipients = await this.ds.query(RESPONSABLES_OF_ACTION, [p.actionId]);
        subject = ev.type === 'prorroga.aprobada' ? 'Prórroga aprobada' : 'Prórroga rechazada';
        lead =
          ev.type === 'prorroga.aprobada'
            ? `Se aprobó la prórroga de la acción «${action}»: su nueva fecha de término es el ${toDmy(p.requestedDueDate)}.`
            : `Se rechazó la prórroga solicitada para la acción «${action}»; la fecha de término no cambia.`;
        detail = p.reason ? `Motivo: ${p.reason}` : undefined;
        link = links.action(p.actionId);
        break;
      case 'corte.abierto':
        recipients = await this.ds.query(
          `SELECT DISTINCT u.id, u.email, u.full_name FROM actions x JOIN asms a ON a.id = x.asm_id
             JOIN action_areas aa ON aa.action_id = x.id JOIN user_areas ua ON ua.area_id = aa.area_id
             JOIN users u ON u.id = ua.user_id AND u.active AND 'responsable' = ANY(u.roles)
            WHERE a.status IN ('comprometido', 'en_proceso') AND x.percent < 100`,
        );
        subject = `Se abrió el corte ${p.label}`;
        lead = `La unidad de evaluación abrió el corte ${p.label}: registra y envía el avance de tus acciones antes de la fecha límite.`;
        link = links.corte(p.corteId);
        break;
      default:
        return 0;
    }
    if (recipients.length === 0) return 0;
    const { institutionName } = await this.settings.documentSettings(null);
    const rows = recipients.map((r) => ({
      id: randomUUID(),
      r,
      ...renderNotice({ name: r.full_name, institution: institutionName || 'tu institución', baseUrl: base, subject, lead, detail, link }),
    }));
    const inserted: { id: string }[] = await this.ds.query(
      `INSERT INTO notification_log (id, kind, outbox_id, event_type, recipient_id, recipient_email, subject, body_text, body_html, items)
       SELECT t.id, 'aviso', $1, $2, t.r, t.e, $3, t.bt, t.bh, 1
         FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[]) AS t(id, r, e, bt, bh)
       ON CONFLICT (outbox_id, recipient_id) WHERE kind = 'aviso' DO NOTHING
       RETURNING id`,
      [outboxId, ev.type, subject, rows.map((x) => x.id), rows.map((x) => x.r.id), rows.map((x) => x.r.email), rows.map((x) => x.text), rows.map((x) => x.html)],
    );
    await this.scan.handOver(inserted.map((i) => i.id));
    return inserted.length;
  }
}
