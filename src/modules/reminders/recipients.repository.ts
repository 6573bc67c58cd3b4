import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { execute, select, selectOne } from '../../database/sql';
import { reportableSql } from '../asm/asm.types';

/** An action still owed: its ASM takes reports and the action is below 100 %. */
const LIVE = `${reportableSql('a.status')} AND x.percent < 100`;
/** The people `u` a notice goes to: the active responsables of action `x`'s areas, the active coordinators of ASM `a`'s area. */
const RESPONSABLES = `JOIN action_areas aa ON aa.action_id = x.id
  JOIN user_areas ua ON ua.area_id = aa.area_id
  JOIN users u ON u.id = ua.user_id AND u.active AND 'responsable' = ANY(u.roles)`;
const COORDINADORES = `JOIN user_areas ua ON ua.area_id = a.coordinating_area_id
  JOIN users u ON u.id = ua.user_id AND u.active AND 'coordinador' = ANY(u.roles)`;

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

/** A person who receives e-mail. */
export interface Recipient {
  id: string;
  email: string;
  full_name: string;
}

/** The latest announcement of a repeating series, as the candidate queries return it (null when never announced). */
export interface AnnouncedHistory {
  last_idx: number | null;
  last_date: string | null;
}

export interface DueActionRow {
  user_id: string;
  action_id: string;
  due: string;
  description: string;
  asm_text: string;
}

export interface OverdueActionRow extends DueActionRow, AnnouncedHistory {
  role: 'responsable' | 'coordinador';
}

export interface OpenCorteRow {
  id: string;
  year: number;
  month: number;
  deadline: string;
}

export interface OwingRow {
  user_id: string;
  pending: number;
}

export interface WaitingReviewRow extends AnnouncedHistory {
  user_id: string;
  avance_id: string;
  /** The day it was sent, in the institution's time zone. */
  submitted: string;
  /** The instant it was sent (UTC, to the second): the anchor of its series. */
  submitted_at: string;
  description: string;
  percent: number;
}

/**
 * Who receives what (product.md §5): the people concerned by each thing the
 * reminder scan and the notices speak of. Each candidate query returns one row
 * per (person, thing); the reminder rules (stages, repetition) are applied by
 * CandidatesService.
 */
@Injectable()
export class RecipientsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The candidate queries touch every live action once and cost enough for
   * PostgreSQL to JIT-compile them, which at size L took 7 s to save nothing
   * (the same query ran in 2.9 s without it): the scan turns JIT off for its
   * transaction.
   */
  async withoutJit(em: EntityManager): Promise<void> {
    await execute(em, `SET LOCAL jit = off`);
  }

  /** Responsables of live actions whose fecha de término falls between `from` and `to` + `extraDays`. */
  dueActions(em: EntityManager, from: string, to: string, extraDays: number): Promise<DueActionRow[]> {
    return select<DueActionRow>(
      em,
      `SELECT DISTINCT u.id AS user_id, x.id AS action_id, x.due_date::text AS due, x.description, a.text AS asm_text
         FROM actions x JOIN asms a ON a.id = x.asm_id ${RESPONSABLES}
        WHERE ${LIVE} AND x.due_date BETWEEN $1::date AND $2::date + $3::int`,
      [from, to, extraDays],
    );
  }

  /** Live actions overdue on `today`: to their responsables, and to the coordinators of their ASM; each with its latest announcement. */
  overdueActions(em: EntityManager, today: string): Promise<OverdueActionRow[]> {
    return select<OverdueActionRow>(
      em,
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
  }

  /** Open cuts whose submission deadline is after `today`. */
  openCortes(em: EntityManager, today: string): Promise<OpenCorteRow[]> {
    return select<OpenCorteRow>(
      em,
      `SELECT id, year, month, submission_deadline::text AS deadline FROM cortes WHERE status = 'abierto' AND submission_deadline > $1::date`,
      [today],
    );
  }

  /** Responsables who still owe an avance (sent or approved) of the cut, with how many actions. */
  owingAvances(em: EntityManager, corteId: string): Promise<OwingRow[]> {
    return select<OwingRow>(
      em,
      `SELECT u.id AS user_id, count(DISTINCT x.id)::int AS pending
         FROM actions x JOIN asms a ON a.id = x.asm_id ${RESPONSABLES}
        WHERE ${LIVE}
          AND NOT EXISTS (SELECT 1 FROM avances v WHERE v.action_id = x.id AND v.corte_id = $1 AND v.status IN ('enviado', 'aprobado'))
        GROUP BY u.id`,
      [corteId],
    );
  }

  /** Avances sent before `today` (days in `timeZone`) and waiting for review: to the coordinators of their ASM, with the latest announcement. */
  waitingReviews(em: EntityManager, today: string, timeZone: string): Promise<WaitingReviewRow[]> {
    return select<WaitingReviewRow>(
      em,
      `WITH w AS (
         SELECT DISTINCT u.id AS user_id, v.id AS avance_id, (v.submitted_at AT TIME ZONE $2)::date::text AS submitted,
                to_char(v.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS submitted_at, x.description, v.percent
           FROM avances v JOIN actions x ON x.id = v.action_id JOIN asms a ON a.id = x.asm_id ${COORDINADORES}
          WHERE v.status = 'enviado' AND (v.submitted_at AT TIME ZONE $2)::date < $1::date)
       SELECT w.*, h.* FROM w
         LEFT JOIN LATERAL ${lastAnnounced(`w.user_id`, `'avance'`, `w.avance_id`, `'revision-pendiente'`, `w.submitted_at`)} h ON true`,
      [today, timeZone],
    );
  }

  /** The people with these ids. */
  people(em: EntityManager, ids: string[]): Promise<Recipient[]> {
    return select<Recipient>(em, `SELECT id, email, full_name FROM users WHERE id = ANY($1)`, [ids]);
  }

  /** The active responsables of the action's areas. */
  responsablesOfAction(actionId: string): Promise<Recipient[]> {
    return select<Recipient>(this.ds, `SELECT DISTINCT u.id, u.email, u.full_name FROM actions x ${RESPONSABLES} WHERE x.id = $1`, [actionId]);
  }

  /** The active coordinators of the ASM's coordinating area. */
  coordinadoresOfAsm(asmId: string): Promise<Recipient[]> {
    return select<Recipient>(this.ds, `SELECT DISTINCT u.id, u.email, u.full_name FROM asms a ${COORDINADORES} WHERE a.id = $1`, [asmId]);
  }

  /** The active responsables of every live action. */
  responsablesOfLiveActions(): Promise<Recipient[]> {
    return select<Recipient>(this.ds, `SELECT DISTINCT u.id, u.email, u.full_name FROM actions x JOIN asms a ON a.id = x.asm_id ${RESPONSABLES} WHERE ${LIVE}`);
  }

  /** What a notice calls the action ('' when it is gone). */
  async actionDescription(actionId: string): Promise<string> {
    return (await selectOne<{ description: string }>(this.ds, `SELECT description FROM actions WHERE id = $1`, [actionId]))?.description ?? '';
  }
}
