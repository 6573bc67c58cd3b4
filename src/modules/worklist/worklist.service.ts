import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessCalendarService } from '../../common/business-calendar';
import { Clock } from '../../common/clock';
import { pageBounds } from '../../common/http/pagination';
import { foldText } from '../../common/text';
import { programKey } from '../catalog/catalog.types';
import type { Actor } from '../identity/actor';
import { Policy, PolicyAction, SubjectName } from '../identity/policy/policy';
import { monthYearLabel } from '../reporting/reporting.types';
import { ReviewQueueQuery, WorkActionsQuery } from './dto/worklist.dto';
import type { ReviewItemView, ReviewPage, Semaforo, WorkActionPage, WorkActionView, WorkAsmView } from './worklist.view';

/** Days ahead in which a live action counts as "por vencer" (the reminders' 7-day notice). */
export const DUE_SOON_DAYS = 7;

/** Lower case without the accents of Spanish text: the SQL side of foldText() for free-text filters. */
const fold = (column: string) => `translate(lower(${column}), 'áéíóúüñàèìòùâêîôûäëïöç', 'aeiouunaeiouaeiouaeioc')`;

/** The semáforo of an action, one rule for the filter, the order and the answer. */
const SEMAFORO_SQL = (today: string) => `CASE
    WHEN ac.percent >= 100 THEN 'concluida'
    WHEN a.status NOT IN ('comprometido', 'en_proceso') THEN 'inactiva'
    WHEN ac.due_date < ${today}::date THEN 'vencida'
    WHEN ac.due_date <= ${today}::date + ${DUE_SOON_DAYS} THEN 'por_vencer'
    ELSE 'en_tiempo' END`;
const SEMAFORO_RANK = `CASE semaforo WHEN 'vencida' THEN 0 WHEN 'por_vencer' THEN 1 WHEN 'en_tiempo' THEN 2 WHEN 'inactiva' THEN 3 ELSE 4 END`;

const ASM_JSON = `json_build_object('id', a.id, 'text', a.text, 'status', a.status,
    'program', json_build_object('id', p.id, 'modality', p.modality, 'code', p.code, 'name', p.name, 'ramoCode', p.ramo_code),
    'cycle', json_build_object('id', c.id, 'label', c.label),
    'coordinatingArea', CASE WHEN ca.id IS NULL THEN NULL ELSE json_build_object('id', ca.id, 'name', ca.name) END)`;
const ASM_FROM = `JOIN asms a ON a.id = ac.asm_id JOIN programs p ON p.id = a.program_id JOIN cycles c ON c.id = a.cycle_id LEFT JOIN areas ca ON ca.id = a.coordinating_area_id`;
const AREAS_JSON = `COALESCE((SELECT json_agg(json_build_object('id', ar.id, 'name', ar.name) ORDER BY aa.position)
    FROM action_areas aa JOIN areas ar ON ar.id = aa.area_id WHERE aa.action_id = ac.id), '[]')`;

interface RawAsm {
  id: string;
  text: string;
  status: string;
  program: { id: string; modality: string; code: string; name: string; ramoCode: string };
  cycle: { id: string; label: string };
  coordinatingArea: { id: string; name: string } | null;
}

function asmView(r: RawAsm): WorkAsmView {
  const { modality, code, ...program } = r.program;
  return { ...r, program: { ...program, key: programKey({ modality, code }) } };
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/**
 * Read models for the web application's work lists: Mis acciones and the
 * review queue, each row with the context its screen shows (ASM, program,
 * semáforo, business days left, latest avance), filtered by the same policy
 * scope as every other list.
 */
@Injectable()
export class WorklistService {
  constructor(
    private readonly ds: DataSource,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendarService,
  ) {}

  /** `ac.id IN (…)` over what the actor may read (of its institution), or `true` for readers of everything. */
  private scopeSql(actor: Actor, action: PolicyAction, subject: SubjectName, p: Params): string {
    const s = this.policy.scope(actor, action, subject);
    // Added to the parameters only when the clause is used: an unused parameter has no type.
    const institution = () =>
      s.institutionId ? ` AND ac.asm_id IN (SELECT ia.id FROM asms ia JOIN programs ip ON ip.id = ia.program_id WHERE ip.institution_id = ${p.add(s.institutionId)})` : '';
    if (s.all) return `true${institution()}`;
    const parts: string[] = [];
    if (s.coordinatingAreaIds.length) parts.push(`SELECT x.id FROM actions x JOIN asms s ON s.id = x.asm_id WHERE s.coordinating_area_id = ANY(${p.add(s.coordinatingAreaIds)}::uuid[])`);
    if (s.responsibleAreaIds.length) parts.push(`SELECT xa.action_id FROM action_areas xa WHERE xa.area_id = ANY(${p.add(s.responsibleAreaIds)}::uuid[])`);
    return parts.length ? `ac.id IN (${parts.join(' UNION ')})${institution()}` : 'false';
  }

  async actions(q: WorkActionsQuery, actor: Actor): Promise<WorkActionPage> {
    const { page, pageSize, offset } = pageBounds(q);
    const today = this.clock.today();
    const p = new Params();
    const t = p.add(today);
    const where = [this.scopeSql(actor, 'read', 'Action', p)];
    if (q.asmId) where.push(`ac.asm_id = ${p.add(q.asmId)}`);
    if (q.areaId) where.push(`EXISTS (SELECT 1 FROM action_areas xa WHERE xa.action_id = ac.id AND xa.area_id = ${p.add(q.areaId)})`);
    if (q.q) {
      const like = p.add(`%${foldText(q.q).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      where.push(`(${fold('ac.description')} LIKE ${like} OR ${fold('a.text')} LIKE ${like} OR ${fold('p.name')} LIKE ${like} OR lower(concat_ws('-', NULLIF(p.modality, ''), p.code)) LIKE ${like})`);
    }
    if (q.avance) where.push(q.avance === 'sin_avance' ? 'lv.status IS NULL' : `lv.status = ${p.add(q.avance)}`);
    const outer = q.semaforo ? `WHERE semaforo = ${p.add(q.semaforo)}` : '';
    const limit = p.add(pageSize);
    const off = p.add(offset);
    const rows: (Omit<WorkActionView, 'asm' | 'businessDaysLeft'> & { asm: RawAsm; total: number; corteYear?: number })[] = await this.ds.query(
      `WITH matching AS (
         SELECT ac.id, ${SEMAFORO_SQL(t)} AS semaforo, ac.due_date
           FROM actions ac JOIN asms a ON a.id = ac.asm_id JOIN programs p ON p.id = a.program_id
           LEFT JOIN LATERAL (SELECT v.status FROM avances v WHERE v.action_id = ac.id ORDER BY v.created_at DESC, v.id DESC LIMIT 1) lv ON true
          WHERE ${where.join(' AND ')}),
       page AS MATERIALIZED (
         SELECT id, semaforo, ${SEMAFORO_RANK} AS rank, count(*) OVER () AS total FROM matching ${outer}
          ORDER BY rank, due_date NULLS LAST, id LIMIT ${limit} OFFSET ${off})
       SELECT ac.id, ac.version, ac.description, ac.due_date AS "dueDate", ac.original_due_date AS "originalDueDate", ac.percent,
              page.semaforo, page.total, ${AREAS_JSON} AS "responsibleAreas", ${ASM_JSON} AS asm,
              (SELECT json_build_object('id', v.id, 'version', v.version, 'status', v.status, 'percent', v.percent, 'returnReason', v.return_reason,
                        'corteYear', k.year, 'corteMonth', k.month, 'corteOpen', k.status = 'abierto')
                 FROM avances v JOIN cortes k ON k.id = v.corte_id WHERE v.action_id = ac.id ORDER BY v.created_at DESC, v.id DESC LIMIT 1) AS "latestAvance",
              (SELECT json_build_object('id', r.id, 'requestedDueDate', r.requested_due_date)
                 FROM prorrogas r WHERE r.action_id = ac.id AND r.status = 'solicitada') AS "pendingProrroga"
         FROM page JOIN actions ac ON ac.id = page.id ${ASM_FROM}
        ORDER BY page.rank, ac.due_date NULLS LAST, ac.id`,
      p.values,
    );
    const total = rows.length ? Number(rows[0].total) : offset > 0 ? await this.countActions(q, actor) : 0;
    return {
      page,
      pageSize,
      total,
      items: rows.map(({ total: _t, asm, latestAvance, ...r }) => {
        const raw = latestAvance as (NonNullable<typeof latestAvance> & { corteYear: number; corteMonth: number }) | null;
        return {
          ...r,
          semaforo: r.semaforo as Semaforo,
          businessDaysLeft: r.dueDate && r.percent < 100 ? this.calendar.businessDaysBetween(today, r.dueDate) : null,
          asm: asmView(asm),
          latestAvance: raw
            ? {
                id: raw.id,
                version: raw.version,
                status: raw.status,
                percent: raw.percent,
                corteLabel: monthYearLabel(raw.corteMonth, raw.corteYear),
                corteOpen: raw.corteOpen,
                returnReason: raw.returnReason,
              }
            : null,
        };
      }),
    };
  }

  /** The total of a page past the end (rare: a stale page link). */
  private async countActions(q: WorkActionsQuery, actor: Actor): Promise<number> {
    const all = await this.actions({ ...q, page: 1, pageSize: 1 }, actor);
    return all.total;
  }

  /** Submitted avances (or requested prórrogas) waiting for a decision, oldest first. */
  async reviews(q: ReviewQueueQuery, actor: Actor): Promise<ReviewPage> {
    const { page, pageSize, offset } = pageBounds(q);
    const p = new Params();
    const subject = q.kind === 'avance' ? 'Avance' : 'Prorroga';
    const scope = this.scopeSql(actor, 'read', subject, p);
    const asm = q.asmId ? `AND ac.asm_id = ${p.add(q.asmId)}` : '';
    const source =
      q.kind === 'avance'
        ? `SELECT v.id, v.version, v.submitted_at AS "submittedAt", v.percent, NULL::text AS "requestedDueDate",
                  (SELECT count(*)::int FROM evidence_files f WHERE f.avance_id = v.id AND f.withdrawn_at IS NULL) AS "evidenceCount",
                  k.year AS "corteYear", k.month AS "corteMonth", v.action_id
             FROM avances v JOIN cortes k ON k.id = v.corte_id WHERE v.status = 'enviado'`
        : `SELECT r.id, r.version, r.created_at AS "submittedAt", NULL::int AS percent, r.requested_due_date::text AS "requestedDueDate",
                  NULL::int AS "evidenceCount", NULL::int AS "corteYear", NULL::int AS "corteMonth", r.action_id
             FROM prorrogas r WHERE r.status = 'solicitada'`;
    const rows: (Omit<ReviewItemView, 'asm' | 'corteLabel' | 'kind'> & { asm: RawAsm; total: number; corteYear: number | null; corteMonth: number | null })[] =
      await this.ds.query(
        `SELECT w.id, w.version, w."submittedAt", w.percent, w."requestedDueDate", w."evidenceCount", w."corteYear", w."corteMonth",
                count(*) OVER () AS total,
                json_build_object('id', ac.id, 'description', ac.description, 'dueDate', ac.due_date, 'originalDueDate', ac.original_due_date,
                                  'percent', ac.percent, 'responsibleAreas', ${AREAS_JSON}) AS action,
                ${ASM_JSON} AS asm
           FROM (${source}) w JOIN actions ac ON ac.id = w.action_id ${ASM_FROM}
          WHERE ${scope} ${asm}
          ORDER BY w."submittedAt", w.id
          LIMIT ${p.add(pageSize)} OFFSET ${p.add(offset)}`,
        p.values,
      );
    return {
      page,
      pageSize,
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map(({ total: _t, asm, corteYear, corteMonth, ...r }) => ({
        ...r,
        kind: q.kind,
        corteLabel: corteYear && corteMonth ? monthYearLabel(corteMonth, corteYear) : null,
        asm: asmView(asm),
      })),
    };
  }
}
