import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BusinessCalendarService } from '../../common/business-calendar';
import { toDmy } from '../../common/dates';
import { monthYearLabel } from '../reporting/reporting.types';
import { webLinks } from './links';
import { AnnouncedHistory, RecipientsRepository } from './recipients.repository';
import { daysBetween, nextInSeries, Reason, ReminderItem, ReminderRules, SeriesHistory, stage } from './reminder-items';

const short = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const series = (h: AnnouncedHistory): SeriesHistory | undefined => (h.last_date === null ? undefined : { last: h.last_date, index: h.last_idx! });

/**
 * What is due today for each person (product.md §5). Each query of the
 * RecipientsRepository returns one row per (person, thing); the stage and its
 * once-only key are computed here.
 *
 * Rest days (docs/decisions/0018-reminders-on-business-days.md): digests go
 * out on business days only. A countdown reminder whose day is a rest day is
 * sent on the business day before it (today looks ahead to the last day
 * before the next business day); a follow-up (overdue, escalation, review)
 * whose day is a rest day is sent on the next business day. "En N días" in
 * the text stays calendar days from the day the e-mail is sent.
 */
@Injectable()
export class CandidatesService {
  constructor(
    private readonly recipients: RecipientsRepository,
    private readonly calendar: BusinessCalendarService,
  ) {}

  async collect(em: EntityManager, today: string, rules: ReminderRules, baseUrl: string): Promise<ReminderItem[]> {
    const out: ReminderItem[] = [];
    if (!this.calendar.isBusinessDay(today)) return out;
    const links = webLinks(baseUrl);
    const maxDue = Math.max(...rules.dueOffsets);
    // Countdown stages due up to this day are announced today: no business day comes before it.
    const horizon = this.calendar.lastDayBeforeNextBusinessDay(today);

    // Actions whose fecha de término is coming: 30, 15, 7, 1 days away and on the day.
    const due = await this.recipients.dueActions(em, today, horizon, maxDue);
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
        detail:
          left === 0 ? `Vence hoy (${toDmy(r.due)}).` : `Vence el ${toDmy(r.due)} (en ${left} día${left === 1 ? '' : 's'}). ASM: ${short(r.asm_text, 100)}`,
        date: r.due,
        link: links.action(r.action_id),
      });
    }

    // Overdue actions: weekly to the responsible areas; after N business days, also to the coordinating area.
    const overdue = await this.recipients.overdueActions(em, today);
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
    const cortes = await this.recipients.openCortes(em, today);
    for (const c of cortes) {
      const left = this.calendar.businessDaysBetween(today, c.deadline);
      const s = stage(rules.corteOffsets, left);
      if (s === undefined) continue;
      const owing = await this.recipients.owingAvances(em, c.id);
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
    const waiting = await this.recipients.waitingReviews(em, today, this.calendar.timeZone);
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
