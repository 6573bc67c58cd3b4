import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { select } from '../../database/sql';
import { reportableSql } from '../asm/asm.types';
import type { Scope } from '../identity/policy/policy';
import type { AvanceState, Semaforo } from './worklist.view';

/** Days ahead in which a live action counts as "por vencer" (the reminders' 7-day notice). */
export const DUE_SOON_DAYS = 7;

/** Lower case without the accents of Spanish text: the SQL side of foldText() for free-text filters. */
const fold = (column: string) => `translate(lower(${column}), 'áéíóúüñàèìòùâêîôûäëïöç', 'aeiouunaeiouaeiouaeioc')`;

/** The semáforo of an action, one rule for the filter, the order and the answer. */
const SEMAFORO_SQL = (today: string) => `CASE
    WHEN ac.percent >= 100 THEN 'concluida'
    WHEN NOT (${reportableSql('a.status')}) THEN 'inactiva'
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

/** The ASM of a work-list row, with its program's modality and code (the service prints the key). */
export interface WorkAsmRow {
  id: string;
  text: string;
  status: string;
  program: { id: string; modality: string; code: string; name: string; ramoCode: string };
  cycle: { id: string; label: string };
  coordinatingArea: { id: string; name: string } | null;
}

export interface WorkActionRow {
  id: string;
  version: number;
  description: string;
  dueDate: string | null;
  originalDueDate: string | null;
  percent: number;
  semaforo: Semaforo;
  total: string;
  responsibleAreas: { id: string; name: string }[];
  asm: WorkAsmRow;
  latestAvance: {
    id: string;
    version: number;
    status: string;
    percent: number;
    returnReason: string | null;
    corteYear: number;
    corteMonth: number;
    corteOpen: boolean;
  } | null;
  pendingProrroga: { id: string; requestedDueDate: string } | null;
}

export interface ReviewRow {
  id: string;
  version: number;
  submittedAt: Date;
  percent: number | null;
  requestedDueDate: string | null;
  evidenceCount: number | null;
  corteYear: number | null;
  corteMonth: number | null;
  total: string;
  action: {
    id: string;
    description: string;
    dueDate: string | null;
    originalDueDate: string | null;
    percent: number;
    responsibleAreas: { id: string; name: string }[];
  };
  asm: WorkAsmRow;
}

export interface WorkActionFilter {
  today: string;
  /** What the actor may read (the policy's scope for actions). */
  scope: Scope;
  asmId?: string;
  areaId?: string;
  /** Folded search text. */
  q?: string;
  avance?: AvanceState;
  semaforo?: Semaforo;
}

export interface ReviewFilter {
  kind: 'avance' | 'prorroga';
  /** What the actor may read (the policy's scope for avances or prórrogas). */
  scope: Scope;
  asmId?: string;
}

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** `ac.id IN (…)` over what the scope may read (of its institution), or `true` for readers of everything. */
function scopeSql(s: Scope, p: Params): string {
  // Added to the parameters only when the clause is used: an unused parameter has no type.
  const institution = () =>
    s.institutionId
      ? ` AND ac.asm_id IN (SELECT ia.id FROM asms ia JOIN programs ip ON ip.id = ia.program_id WHERE ip.institution_id = ${p.add(s.institutionId)})`
      : '';
  if (s.all) return `true${institution()}`;
  const parts: string[] = [];
  if (s.coordinatingAreaIds.length)
    parts.push(`SELECT x.id FROM actions x JOIN asms s ON s.id = x.asm_id WHERE s.coordinating_area_id = ANY(${p.add(s.coordinatingAreaIds)}::uuid[])`);
  if (s.responsibleAreaIds.length) parts.push(`SELECT xa.action_id FROM action_areas xa WHERE xa.area_id = ANY(${p.add(s.responsibleAreaIds)}::uuid[])`);
  return parts.length ? `ac.id IN (${parts.join(' UNION ')})${institution()}` : 'false';
}

/** The read models of the work lists: joins over the asm and progress tables, written nowhere. */
@Injectable()
export class WorklistRepository {
  constructor(private readonly ds: DataSource) {}

  /** A page of Mis acciones (most urgent first), each row with the page's total. */
  async actions(f: WorkActionFilter, limit: number, offset: number): Promise<WorkActionRow[]> {
    const p = new Params();
    const t = p.add(f.today);
    const where = [scopeSql(f.scope, p)];
    if (f.asmId) where.push(`ac.asm_id = ${p.add(f.asmId)}`);
    if (f.areaId) where.push(`EXISTS (SELECT 1 FROM action_areas xa WHERE xa.action_id = ac.id AND xa.area_id = ${p.add(f.areaId)})`);
    if (f.q) {
      const like = p.add(`%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      where.push(
        `(${fold('ac.description')} LIKE ${like} OR ${fold('a.text')} LIKE ${like} OR ${fold('p.name')} LIKE ${like} OR lower(concat_ws('-', NULLIF(p.modality, ''), p.code)) LIKE ${like})`,
      );
    }
    if (f.avance) where.push(f.avance === 'sin_avance' ? 'lv.status IS NULL' : `lv.status = ${p.add(f.avance)}`);
    const outer = f.semaforo ? `WHERE semaforo = ${p.add(f.semaforo)}` : '';
    const lim = p.add(limit);
    const off = p.add(offset);
    return select<WorkActionRow>(
      this.ds,
      `WITH matching AS (
         SELECT ac.id, ${SEMAFORO_SQL(t)} AS semaforo, ac.due_date
           FROM actions ac JOIN asms a ON a.id = ac.asm_id JOIN programs p ON p.id = a.program_id
           LEFT JOIN LATERAL (SELECT v.status FROM avances v WHERE v.action_id = ac.id ORDER BY v.created_at DESC, v.id DESC LIMIT 1) lv ON true
          WHERE ${where.join(' AND ')}),
       page AS MATERIALIZED (
         SELECT id, semaforo, ${SEMAFORO_RANK} AS rank, count(*) OVER () AS total FROM matching ${outer}
          ORDER BY rank, due_date NULLS LAST, id LIMIT ${lim} OFFSET ${off})
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
  }

  /** A page of the review queue (submitted avances or requested prórrogas, oldest first), each row with the page's total. */
  async reviews(f: ReviewFilter, limit: number, offset: number): Promise<ReviewRow[]> {
    const p = new Params();
    const scope = scopeSql(f.scope, p);
    const asm = f.asmId ? `AND ac.asm_id = ${p.add(f.asmId)}` : '';
    const source =
      f.kind === 'avance'
        ? `SELECT v.id, v.version, v.submitted_at AS "submittedAt", v.percent, NULL::text AS "requestedDueDate",
                  (SELECT count(*)::int FROM evidence_files f WHERE f.avance_id = v.id AND f.withdrawn_at IS NULL) AS "evidenceCount",
                  k.year AS "corteYear", k.month AS "corteMonth", v.action_id
             FROM avances v JOIN cortes k ON k.id = v.corte_id WHERE v.status = 'enviado'`
        : `SELECT r.id, r.version, r.created_at AS "submittedAt", NULL::int AS percent, r.requested_due_date::text AS "requestedDueDate",
                  NULL::int AS "evidenceCount", NULL::int AS "corteYear", NULL::int AS "corteMonth", r.action_id
             FROM prorrogas r WHERE r.status = 'solicitada'`;
    return select<ReviewRow>(
      this.ds,
      `SELECT w.id, w.version, w."submittedAt", w.percent, w."requestedDueDate", w."evidenceCount", w."corteYear", w."corteMonth",
              count(*) OVER () AS total,
              json_build_object('id', ac.id, 'description', ac.description, 'dueDate', ac.due_date, 'originalDueDate', ac.original_due_date,
                                'percent', ac.percent, 'responsibleAreas', ${AREAS_JSON}) AS action,
              ${ASM_JSON} AS asm
         FROM (${source}) w JOIN actions ac ON ac.id = w.action_id ${ASM_FROM}
        WHERE ${scope} ${asm}
        ORDER BY w."submittedAt", w.id
        LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`,
      p.values,
    );
  }
}
