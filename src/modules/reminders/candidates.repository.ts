import { webLinks } from './links';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toDmy } from '../../common/dates';
import { BusinessCalendarService } from '../../common/business-calendar';
import { monthYearLabel } from '../reporting/reporting.types';
import { daysBetween, nextInSeries, Reason, ReminderItem, ReminderRules, SeriesHistory, stage } from './reminder-items';

const LIVE = `a.status IN ('comprometido', 'en_proceso') AND x.percent < 100`;
const RESPONSABLES = `JOIN action_areas aa ON aa.action_id = x.id
  JOIN user_areas ua ON ua.area_id = aa.area_id
  JOIN users u ON u.id = ua.user_id AND u.active AND 'responsable' = ANY(u.roles)`;
const COORDINADORES = `JOIN user_areas ua ON ua.area_id = a.coordinating_area_id
  JOIN users u ON u.id = ua.user_id AND u.active AND 'coordinador' = ANY(u.roles)`;

const short = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The latest announcement of a repeating series, as the candidate queries return it (null when never announced). */
interface History {
  last_idx: number | null;
  last_date: string | null;
}

/**
 * The latest announcement of one repeating series of one person (occurrences
 * are `<index>@<anchor>`), looked up per candidate row in the ledger's unique
 * index rather than sending every candidate back to PostgreSQL.
 */
const lastAnnounced = (recipient: string, itemType: string, item: string, reason: string, anchor: string) =>
  `(SELECT max(split_part(l.occurrence, '@', 1)::int) AS last_idx, max(l.scan_date)::text AS last_date
      FROM reminder_ledger l
     WHERE l.recipient_id = ${recipient} AND l.item_type = ${itemType} AND l.item_id = ${item} AND l.reason = ${reason}
       AND l.occurrence LIKE '%@' || ${anchor})`;

const series = (h: History): SeriesHistory | undefined => (h.last_date === null ? undefined : { last: h.last_date, index: h.last_idx! });

/**
 * What is due today for each person (product.md §5). Each query returns one
 * row per (person, thing); the stage and its once-only key are computed here.
 *
 * Rest days (docs/decisions/0018-reminders-on-business-days.md): digests go
 * out on business days only. A countdown reminder whose day is a rest day is
 * sent on the business day before it (today looks ahead to the last day
 * before the next business day); a follow-up (overdue, escalation, review)
 * whose day is a rest day is sent on the next business day. "En N días" in
 * the text stays calendar days from the day the e-mail is sent.
 */
@Injectable()
export class CandidatesRepository {
  constructor(private readonly calendar: BusinessCalendarService) {}

  async collect(em: EntityManager, today: string, rules: ReminderRules, baseUrl: string): Promise<ReminderItem[]> {
    const out: ReminderItem[] = [];
    if (!this.calendar.isBusinessDay(today)) return out;
    const links = webLinks(baseUrl);
    const maxDue = Math.max(...rules.dueOffsets);
    // Countdown stages due up to this day are announced today: no business day comes before it.
    const horizon = this.calendar.lastDayBeforeNextBusinessDay(today);

    // Actions whose fecha de término is coming: 30, 15, 7, 1 days away and on the day.
    const due: { user_id: string; action_id: string; due: string; description: string; asm_text: string }[] = await em.query(
      `SELECT DISTINCT u.id AS user_id, x.id AS action_id, x.due_date::text AS due, x.description, a.text AS asm_text
         FROM actions x JOIN asms a ON a.id = x.asm_id ${RESPONSABLES}
        WHERE ${LIVE} AND x.due_date BETWEEN $1::date AND $2::date + $3::int`,
      [today, horizon, maxDue],
    );
    for (const r of due) {
      const left = daysBetween(today, r.due);
      const s = stage(rules.dueOffsets, Math.max(0, daysBetween(horizon, r.due)));
      if (s === undefined) continue;
      out.push({
        recipientId: r.user_id,
        itemType: 'accion',
        itemId: r.action_id,
        reason: 'por-vencer',
        occurrence: `${s}@${r.due}`,
        title: short(r.description),
        detail: left === 0 ? `Vence hoy (${toDmy(r.due)}).` : `Vence el ${toDmy(r.due)} (en ${left} día${left === 1 ? '' : 's'}). ASM: ${short(r.asm_text, 100)}`,
        date: r.due,
        link: links.action(r.action_id),
      });
    }

    // Overdue actions: weekly to the responsible areas; after N business days, also to the coordinating area.
    const overdue: ({ user_id: string; action_id: string; due: string; description: string; asm_text: string; role: string } & History)[] = await em.query(
      `WITH o AS (
         SELECT DISTINCT u.id AS user_id, x.id AS action_id, x.due_date::text AS due, x.description, a.text AS asm_text, 'responsable' AS role
           FROM actions x JOIN asms a ON a.id = x.asm_id ${RESPONSABLES}
          WHERE ${LIVE} AND x.due_date < $1::date
         UNION
         SELECT DISTINCT u.id, x.id, x.due_date::text, x.description, a.text, 'coordinador'
           FROM actions x JOIN asms a ON a.id = x.asm_id ${COORDINADORES}
          WHERE ${LIVE} AND x.due_date < $1::date)
       SELECT o.*, h.* FROM o
         LEFT JOIN LATERAL ${lastAnnounced(`o.user_id`, `'accion'`, `o.action_id`, `CASE o.role WHEN 'responsable' THEN 'vencida' ELSE 'vencida-escalada' END`, `o.due`)} h ON true`,
      [today],
    );
    const bizOverdue = new Map<string, number>();
    const sinceLastDays = (last: string) => daysBetween(last, today);
    for (const r of overdue) {
      const days = daysBetween(r.due, today);
      const reason: Reason = r.role === 'responsable' ? 'vencida' : 'vencida-escalada';
      if (reason === 'vencida-escalada') {
        if (!bizOverdue.has(r.due)) bizOverdue.set(r.due, this.calendar.businessDaysBetween(r.due, today));
        if (bizOverdue.get(r.due)! < rules.escalateBusinessDays) continue;
      }
      const k = nextInSeries(series(r), sinceLastDays, rules.overdueRepeatDays);
      if (k === undefined) continue;
      out.push({
        recipientId: r.user_id,
        itemType: 'accion',
        itemId: r.action_id,
        reason,
        occurrence: `${k}@${r.due}`,
        title: short(r.description),
        detail:
          reason === 'vencida'
            ? `Venció el ${toDmy(r.due)} (hace ${days} día${days === 1 ? '' : 's'}) y su avance es menor al 100 %. Reporta el avance o solicita una prórroga.`
            : `Acción de un ASM que coordinas, vencida el ${toDmy(r.due)} (${bizOverdue.get(r.due)} días hábiles de atraso). ASM: ${short(r.asm_text, 100)}`,
        date: r.due,
        link: links.action(r.action_id),
      });
    }

    // An open cut whose submission deadline is 10, 5 or 1 business days away: to the areas that still owe an avance.
    const cortes: { id: string; year: number; month: number; deadline: string }[] = await em.query(
      `SELECT id, year, month, submission_deadline::text AS deadline FROM cortes WHERE status = 'abierto' AND submission_deadline > $1::date`,
      [today],
    );
    for (const c of cortes) {
      const left = this.calendar.businessDaysBetween(today, c.deadline);
      const s = stage(rules.corteOffsets, left);
      if (s === undefined) continue;
      const owing: { user_id: string; pending: number }[] = await em.query(
        `SELECT u.id AS user_id, count(DISTINCT x.id)::int AS pending
           FROM actions x JOIN asms a ON a.id = x.asm_id ${RESPONSABLES}
          WHERE ${LIVE}
            AND NOT EXISTS (SELECT 1 FROM avances v WHERE v.action_id = x.id AND v.corte_id = $1 AND v.status IN ('enviado', 'aprobado'))
          GROUP BY u.id`,
        [c.id],
      );
      const label = monthYearLabel(c.month, c.year);
      for (const o of owing) {
        out.push({
          recipientId: o.user_id,
          itemType: 'corte',
          itemId: c.id,
          reason: 'corte-plazo',
          occurrence: String(s),
          title: `Corte ${label}`,
          detail: `La entrega de avances vence el ${toDmy(c.deadline)} (en ${left} día${left === 1 ? '' : 's'} hábil${left === 1 ? '' : 'es'}). Te falta enviar el avance de ${o.pending} acción${o.pending === 1 ? '' : 'es'}.`,
          date: c.deadline,
          link: links.corte(c.id),
        });
      }
    }

    // Avances waiting for review longer than N business days: to the coordinating area, weekly while they wait.
    const waiting: ({ user_id: string; avance_id: string; submitted: string; submitted_at: string; description: string; percent: number } & History)[] = await em.query(
      `WITH w AS (
         SELECT DISTINCT u.id AS user_id, v.id AS avance_id, (v.submitted_at AT TIME ZONE $2)::date::text AS submitted,
                to_char(v.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS submitted_at, x.description, v.percent
           FROM avances v JOIN actions x ON x.id = v.action_id JOIN asms a ON a.id = x.asm_id ${COORDINADORES}
          WHERE v.status = 'enviado' AND (v.submitted_at AT TIME ZONE $2)::date < $1::date)
       SELECT w.*, h.* FROM w
         LEFT JOIN LATERAL ${lastAnnounced(`w.user_id`, `'avance'`, `w.avance_id`, `'revision-pendiente'`, `w.submitted_at`)} h ON true`,
      [today, this.calendar.timeZone],
    );
    const sinceLastBusinessDays = (last: string) => this.calendar.businessDaysBetween(last, today);
    for (const w of waiting) {
      const biz = this.calendar.businessDaysBetween(w.submitted, today);
      if (biz < rules.reviewBusinessDays) continue;
      // Once when it crosses N business days, then every 5 business days (a working week) while it waits.
      const k = nextInSeries(series(w), sinceLastBusinessDays, 5);
      if (k === undefined) continue;
      out.push({
        recipientId: w.user_id,
        itemType: 'avance',
        itemId: w.avance_id,
        reason: 'revision-pendiente',
        occurrence: `${k}@${w.submitted_at}`,
        title: short(w.description),
        detail: `Avance del ${w.percent} % enviado el ${toDmy(w.submitted)}, en espera de tu revisión desde hace ${biz} días hábiles.`,
        date: w.submitted,
        link: links.review(w.avance_id),
      });
    }
    return out;
  }
}
