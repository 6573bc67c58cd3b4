import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SetList } from '../../common/db/set-list';
import { preparedQuery } from '../../database/prepared';
import { Db, execute, select, selectOne } from '../../database/sql';
import { programKey } from '../catalog/catalog.types';
import { formatPromedio, promedioHundredths } from './promedio';
import { isReportable, reportableSql } from './asm.types';
import type { AsmStatus, Classification, ImprovementType, Priority } from './asm.types';
import type { ActionView, AsmView } from './asm.view';

export interface AsmFilters {
  programId?: string;
  cycleId?: string;
  classification?: string;
  priority?: string;
  status?: string;
  coordinatingAreaId?: string;
  responsibleAreaId?: string;
  overdue?: boolean;
  /** Folded search text. */
  q?: string;
  /** Row filter of the caller's permissions (undefined = everything). */
  scope?: AreaScope;
  /** Only ASMs of this institution's programs (null or undefined: every institution). */
  institutionId?: string | null;
  /**
   * Which actions the caller may read (undefined = all): filters and search
   * that look into an ASM's actions look only into these, so they never
   * reveal another area's action of a shared ASM.
   */
  actionScope?: AreaScope;
}

export interface ActionFilters {
  responsibleAreaId?: string;
  asmId?: string;
  overdue?: boolean;
  scope?: AreaScope;
  institutionId?: string | null;
}

/** Records visible through these areas: coordinated by one, or with an action assigned to one. */
export interface AreaScope {
  coordinatingAreaIds: string[];
  responsibleAreaIds: string[];
}

/**
 * An action as the API shows it, with its responsible areas in order; read
 * FROM ACTION_FROM and GROUP BY ac.id (one join grouped by action: a
 * correlated subquery per row cost twice as much).
 */
const ACTION_COLUMNS = `ac.id, ac.asm_id AS "asmId", ac.version, ac.position, ac.description,
  ac.due_date AS "dueDate", ac.original_due_date AS "originalDueDate",
  ac.expected_results AS "expectedResults", ac.products, ac.percent,
  ac.proof_document_name AS "proofDocumentName", ac.proof_document_location AS "proofDocumentLocation",
  ac.observations, ac.weight::float8 AS weight,
  COALESCE(json_agg(json_build_object('id', ar.id, 'name', ar.name) ORDER BY aa.position) FILTER (WHERE ar.id IS NOT NULL), '[]') AS "responsibleAreas"`;
const ACTION_FROM = `actions ac LEFT JOIN action_areas aa ON aa.action_id = ac.id LEFT JOIN areas ar ON ar.id = aa.area_id`;

/** A row of ACTION_COLUMNS: the action as the API shows it, before the overdue flag. */
type ActionRow = Omit<ActionView, 'overdue'>;

/** What a person states of an ASM besides its program, cycle and coordinating area. */
interface AsmContent {
  evaluationId: string | null;
  recommendationId: string | null;
  text: string;
  classification: Classification;
  priority: Priority | null;
  improvementType: ImprovementType | null;
  topic: string | null;
}

interface AsmRow extends AsmContent {
  id: string;
  version: number;
  externalId: string | null;
  status: AsmStatus;
  statusReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  programId: string;
  modality: string;
  code: string;
  programName: string;
  ramoCode: string;
  cycleId: string;
  cycleLabel: string;
  areaId: string | null;
  areaName: string | null;
}

/** An ASM locked for a change: what its rules and permissions need. */
export interface LockedAsm {
  id: string;
  status: AsmStatus;
  version: number;
  coordinatingAreaId: string | null;
}

/** What permissions on an ASM depend on: its institution (its program's), its coordinating area and its actions' responsible areas. */
export interface AsmFacts {
  coordinatingAreaId: string | null;
  responsibleAreaIds: string[];
  institutionId: string;
}

export interface ActionFacts extends AsmFacts {
  asmId: string;
}

export interface NewAsm extends AsmContent {
  programId: string;
  cycleId: string;
  coordinatingAreaId: string;
  createdBy: string | null;
}

/** The fields a PATCH of an ASM may change (undefined = unchanged, null = cleared). */
export type AsmPatch = Partial<Omit<NewAsm, 'createdBy' | 'text' | 'classification' | 'programId' | 'cycleId' | 'coordinatingAreaId'>> & {
  programId?: string;
  cycleId?: string;
  text?: string;
  classification?: Classification;
  coordinatingAreaId?: string;
};

const ASM_COLUMNS: Record<keyof AsmPatch, string> = {
  programId: 'program_id',
  cycleId: 'cycle_id',
  evaluationId: 'evaluation_id',
  recommendationId: 'recommendation_id',
  text: 'text',
  classification: 'classification',
  priority: 'priority',
  improvementType: 'improvement_type',
  topic: 'topic',
  coordinatingAreaId: 'coordinating_area_id',
};

/** `SET` clauses (with the version bump) for the fields of `patch` that are not undefined, in the order of `columns`. */
export function setsOf<P extends object>(patch: P, columns: Record<keyof P, string>): SetList {
  const sets = new SetList();
  for (const key of Object.keys(columns) as (keyof P)[]) sets.add(columns[key], patch[key]);
  return sets;
}

interface Where {
  sql: string[];
  params: unknown[];
}

function add(w: Where, clause: (p: string) => string, value: unknown): void {
  w.params.push(value);
  w.sql.push(clause(`$${w.params.length}`));
}

/**
 * Whether the action `x` of the ASM `a` is one the scope may read: its ASM is
 * coordinated by one of the areas, or it is assigned to one of them.
 */
function readableAction(w: Where, scope: AreaScope): string {
  const parts: string[] = [];
  if (scope.coordinatingAreaIds.length) {
    w.params.push(scope.coordinatingAreaIds);
    parts.push(`a.coordinating_area_id = ANY($${w.params.length}::uuid[])`);
  }
  if (scope.responsibleAreaIds.length) {
    w.params.push(scope.responsibleAreaIds);
    parts.push(`EXISTS (SELECT 1 FROM action_areas ra WHERE ra.action_id = x.id AND ra.area_id = ANY($${w.params.length}::uuid[]))`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}

/**
 * `<column> IN (<ids reachable through the scope's areas>)`, written as IN over
 * the area indexes (not OR EXISTS over every row) so that a page of one area's
 * records costs the same at 150,000 actions as at 1,000. Only the branches the
 * caller has areas for are planned; with none, nothing matches.
 */
function addScope(w: Where, column: string, scope: AreaScope, branches: { coordinating: (p: string) => string; responsible: (p: string) => string }): void {
  const parts: string[] = [];
  for (const [ids, branch] of [
    [scope.coordinatingAreaIds, branches.coordinating],
    [scope.responsibleAreaIds, branches.responsible],
  ] as const) {
    if (ids.length === 0) continue;
    w.params.push(ids);
    parts.push(branch(`$${w.params.length}`));
  }
  w.sql.push(parts.length ? `${column} IN (${parts.join(' UNION ')})` : 'false');
}

/**
 * Named statements over asms (and the reads of their actions the API shows);
 * the writes of actions and action_areas are in actions.repository.ts.
 */
@Injectable()
export class AsmRepository {
  constructor(private readonly ds: DataSource) {}

  /** Locks the ASM row for the rest of the transaction; plan and status change under this lock. */
  async lockAsm(db: Db, id: string): Promise<LockedAsm | undefined> {
    return selectOne<LockedAsm>(db, `SELECT id, status, version, coordinating_area_id AS "coordinatingAreaId" FROM asms WHERE id = $1 FOR UPDATE`, [id]);
  }

  async statusOf(db: Db, id: string): Promise<AsmStatus | undefined> {
    return (await selectOne<{ status: AsmStatus }>(db, `SELECT status FROM asms WHERE id = $1`, [id]))?.status;
  }

  async insertAsm(db: Db, a: NewAsm): Promise<string> {
    const row = await selectOne<{ id: string }>(
      db,
      `INSERT INTO asms (program_id, cycle_id, evaluation_id, recommendation_id, text, classification, priority,
                         improvement_type, topic, coordinating_area_id, created_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
      [
        a.programId,
        a.cycleId,
        a.evaluationId,
        a.recommendationId,
        a.text,
        a.classification,
        a.priority,
        a.improvementType,
        a.topic,
        a.coordinatingAreaId,
        a.createdBy,
      ],
    );
    return row!.id;
  }

  /** The evaluation and recommendation an ASM comes from. */
  async origin(db: Db, id: string): Promise<{ evaluationId: string | null; recommendationId: string | null }> {
    const row = await selectOne<{ evaluationId: string | null; recommendationId: string | null }>(
      db,
      `SELECT evaluation_id AS "evaluationId", recommendation_id AS "recommendationId" FROM asms WHERE id = $1`,
      [id],
    );
    return row ?? { evaluationId: null, recommendationId: null };
  }

  /** The evaluation a recommendation belongs to (undefined when the recommendation does not exist). */
  async recommendationEvaluation(db: Db, recommendationId: string): Promise<{ evaluationId: string | null } | undefined> {
    return selectOne<{ evaluationId: string | null }>(db, `SELECT evaluation_id AS "evaluationId" FROM recommendations WHERE id = $1`, [recommendationId]);
  }

  /** Changes the fields of `patch` and bumps the version (the caller holds the row's lock). */
  async updateAsm(db: Db, id: string, patch: AsmPatch): Promise<void> {
    await this.bump(db, id, setsOf(patch, ASM_COLUMNS));
  }

  /** A transition of the status machine decided by the asm service (commit, cancel, reopen); reopening clears the conclusion. */
  async setStatus(db: Db, id: string, status: AsmStatus, reason: string | null, clearConclusion: boolean): Promise<void> {
    const sets = new SetList().add('status', status).add('status_reason', reason);
    if (clearConclusion) sets.add('concluded_at', null);
    await this.bump(db, id, sets);
  }

  /** A transition under approved progress: en_proceso, or concluido with the moment and the cut that concluded it. */
  async setProgressStatus(db: Db, id: string, status: AsmStatus, conclusion: { at: Date; corteId: string } | null): Promise<void> {
    await execute(
      db,
      `UPDATE asms SET status = $2, concluded_at = CASE WHEN $3 THEN $4::timestamptz END, concluded_corte_id = CASE WHEN $3 THEN $5::uuid END,
              version = version + 1, updated_at = now() WHERE id = $1`,
      [id, status, conclusion !== null, conclusion?.at ?? null, conclusion?.corteId ?? null],
    );
  }

  private async bump(db: Db, id: string, sets: SetList): Promise<void> {
    await execute(db, `UPDATE asms SET ${sets.clauses(2)} WHERE id = $1`, [id, ...sets.values]);
  }

  /** Recomputes the folded search texts of an ASM and of each of its actions, each from its own text. */
  async refreshSearchText(db: Db, asmId: string, fold: (s: string) => string): Promise<void> {
    const asm = await selectOne<{ text: string }>(db, `SELECT text FROM asms WHERE id = $1`, [asmId]);
    await execute(db, `UPDATE asms SET search_text = $2 WHERE id = $1`, [asmId, fold(asm!.text)]);
    const actions = await select<{ id: string; description: string }>(db, `SELECT id, description FROM actions WHERE asm_id = $1`, [asmId]);
    if (actions.length === 0) return;
    await execute(
      db,
      `UPDATE actions x SET search_text = u.s FROM unnest($1::uuid[], $2::text[]) AS u(id, s) WHERE x.id = u.id AND x.search_text IS DISTINCT FROM u.s`,
      [actions.map((a) => a.id), actions.map((a) => fold(a.description))],
    );
  }

  private asmWhere(f: AsmFilters, today: string): Where {
    const w: Where = { sql: [], params: [] };
    if (f.programId) add(w, (p) => `a.program_id = ${p}`, f.programId);
    if (f.cycleId) add(w, (p) => `a.cycle_id = ${p}`, f.cycleId);
    if (f.classification) add(w, (p) => `a.classification = ${p}`, f.classification);
    if (f.priority) add(w, (p) => `a.priority = ${p}`, f.priority);
    if (f.status) add(w, (p) => `a.status = ${p}`, f.status);
    if (f.coordinatingAreaId) add(w, (p) => `a.coordinating_area_id = ${p}`, f.coordinatingAreaId);
    // Conditions on an ASM's actions see only the actions the caller may read (x is the action);
    // its parameters are added once, by the first condition that needs them.
    let readableSql: string | undefined;
    const readable = () => (readableSql ??= f.actionScope ? readableAction(w, f.actionScope) : 'true');
    if (f.responsibleAreaId)
      add(
        w,
        (p) => `EXISTS (SELECT 1 FROM actions x JOIN action_areas xa ON xa.action_id = x.id WHERE x.asm_id = a.id AND xa.area_id = ${p} AND ${readable()})`,
        f.responsibleAreaId,
      );
    if (f.overdue !== undefined) {
      add(
        w,
        (p) =>
          `${f.overdue ? '' : 'NOT '}(${reportableSql('a.status')} AND EXISTS (SELECT 1 FROM actions x WHERE x.asm_id = a.id AND x.percent < 100 AND x.due_date < ${p}::date AND ${readable()}))`,
        today,
      );
    }
    if (f.q)
      add(
        w,
        (p) => `(a.search_text LIKE ${p} OR EXISTS (SELECT 1 FROM actions x WHERE x.asm_id = a.id AND x.search_text LIKE ${p} AND ${readable()}))`,
        `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      );
    if (f.institutionId) add(w, (p) => `a.program_id IN (SELECT ip.id FROM programs ip WHERE ip.institution_id = ${p})`, f.institutionId);
    if (f.scope) {
      addScope(w, 'a.id', f.scope, {
        coordinating: (p) => `SELECT s.id FROM asms s WHERE s.coordinating_area_id = ANY(${p}::uuid[])`,
        responsible: (p) => `SELECT x.asm_id FROM action_areas xa JOIN actions x ON x.id = xa.action_id WHERE xa.area_id = ANY(${p}::uuid[])`,
      });
    }
    return w;
  }

  async listAsmIds(f: AsmFilters, today: string, limit: number, offset: number, db: Db = this.ds): Promise<{ ids: string[]; total: number }> {
    const w = this.asmWhere(f, today);
    const where = w.sql.length ? `WHERE ${w.sql.join(' AND ')}` : '';
    const n = w.params.length;
    const rows = await preparedQuery<{ id: string; total: string }>(
      db,
      `SELECT a.id, count(*) OVER () AS total
         FROM asms a
         JOIN cycles c ON c.id = a.cycle_id
         JOIN programs p ON p.id = a.program_id
         ${where}
        ORDER BY c.start_year DESC, p.modality, p.code, p.ramo_code, a.seq
        LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...w.params, limit, offset],
    );
    if (rows.length === 0 && offset > 0) {
      const count = await selectOne<{ total: string }>(db, `SELECT count(*) AS total FROM asms a ${where}`, w.params);
      return { ids: [], total: Number(count!.total) };
    }
    return { ids: rows.map((r) => r.id), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** Full views of the given ASMs, in the order of `ids`. Three queries whatever the count. */
  async views(ids: string[], today: string, db: Db = this.ds): Promise<AsmView[]> {
    if (ids.length === 0) return [];
    const asms = await preparedQuery<AsmRow>(
      db,
      `SELECT a.id, a.version, a.external_id AS "externalId", a.evaluation_id AS "evaluationId",
              a.recommendation_id AS "recommendationId", a.text, a.classification, a.priority,
              a.improvement_type AS "improvementType", a.topic, a.status, a.status_reason AS "statusReason",
              a.created_at AS "createdAt", a.updated_at AS "updatedAt",
              p.id AS "programId", p.modality, p.code, p.name AS "programName", p.ramo_code AS "ramoCode",
              c.id AS "cycleId", c.label AS "cycleLabel",
              ar.id AS "areaId", ar.name AS "areaName"
         FROM asms a
         JOIN programs p ON p.id = a.program_id
         JOIN cycles c ON c.id = a.cycle_id
         LEFT JOIN areas ar ON ar.id = a.coordinating_area_id
        WHERE a.id = ANY($1::uuid[])`,
      [ids],
    );
    const actions = await this.actionRows(db, `ac.asm_id = ANY($1::uuid[])`, [ids]);
    const byAsm = new Map<string, ActionView[]>();
    const status = new Map<string, AsmStatus>(asms.map((a) => [a.id, a.status]));
    for (const row of actions) {
      const view = this.toActionView(row, status.get(row.asmId)!, today);
      const list = byAsm.get(view.asmId) ?? [];
      list.push(view);
      byAsm.set(view.asmId, list);
    }
    const byId = new Map<string, AsmView>();
    for (const a of asms) {
      const acts = byAsm.get(a.id) ?? [];
      const h = promedioHundredths(acts);
      byId.set(a.id, {
        id: a.id,
        version: a.version,
        externalId: a.externalId,
        program: { id: a.programId, key: programKey({ modality: a.modality, code: a.code }), name: a.programName, ramoCode: a.ramoCode },
        cycle: { id: a.cycleId, label: a.cycleLabel },
        evaluationId: a.evaluationId,
        recommendationId: a.recommendationId,
        text: a.text,
        classification: a.classification,
        priority: a.priority,
        improvementType: a.improvementType,
        topic: a.topic,
        coordinatingArea: a.areaId ? { id: a.areaId, name: a.areaName! } : null,
        status: a.status,
        statusReason: a.statusReason,
        promedio: h === null ? null : h / 100,
        promedioText: formatPromedio(h),
        actions: acts,
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
      });
    }
    return ids.map((id) => byId.get(id)).filter((v): v is AsmView => v !== undefined);
  }

  private async actionRows(db: Db, where: string, params: unknown[], tail = 'ORDER BY ac.asm_id, ac.position, ac.created_at'): Promise<ActionRow[]> {
    return preparedQuery<ActionRow>(db, `SELECT ${ACTION_COLUMNS} FROM ${ACTION_FROM} WHERE ${where} GROUP BY ac.id ${tail}`, params);
  }

  private toActionView(r: ActionRow, asmStatus: AsmStatus, today: string): ActionView {
    return {
      id: r.id,
      asmId: r.asmId,
      version: r.version,
      position: r.position,
      description: r.description,
      responsibleAreas: r.responsibleAreas,
      dueDate: r.dueDate,
      originalDueDate: r.originalDueDate,
      expectedResults: r.expectedResults,
      products: r.products,
      percent: r.percent,
      proofDocumentName: r.proofDocumentName,
      proofDocumentLocation: r.proofDocumentLocation,
      observations: r.observations,
      weight: r.weight,
      overdue: isReportable(asmStatus) && r.dueDate !== null && r.dueDate < today && r.percent < 100,
    };
  }

  async actionView(id: string, today: string, db: Db = this.ds): Promise<ActionView | undefined> {
    const [row] = await this.actionRows(db, `ac.id = $1`, [id]);
    if (!row) return undefined;
    return this.toActionView(row, (await this.statusOf(db, row.asmId))!, today);
  }

  async listActions(f: ActionFilters, today: string, limit: number, offset: number): Promise<{ items: ActionView[]; total: number }> {
    const w: Where = { sql: [], params: [] };
    if (f.asmId) add(w, (p) => `ac.asm_id = ${p}`, f.asmId);
    if (f.responsibleAreaId) add(w, (p) => `EXISTS (SELECT 1 FROM action_areas xa WHERE xa.action_id = ac.id AND xa.area_id = ${p})`, f.responsibleAreaId);
    if (f.institutionId) {
      // When an area or an ASM already narrows the rows, the institution is checked on each of them. Written as a
      // semi-join, PostgreSQL started from every action of the institution instead (2,550 at size L, 36 ms, against
      // 3 ms from an area's 466: docs/decisions/0040-list-request-overhead.md).
      const narrowed = Boolean(f.asmId || f.responsibleAreaId || f.scope);
      add(
        w,
        (p) =>
          narrowed
            ? `(SELECT ip.institution_id FROM asms ia JOIN programs ip ON ip.id = ia.program_id WHERE ia.id = ac.asm_id) = ${p}`
            : `ac.asm_id IN (SELECT ia.id FROM asms ia JOIN programs ip ON ip.id = ia.program_id WHERE ip.institution_id = ${p})`,
        f.institutionId,
      );
    }
    if (f.scope) {
      addScope(w, 'ac.id', f.scope, {
        coordinating: (p) => `SELECT x.id FROM actions x JOIN asms s ON s.id = x.asm_id WHERE s.coordinating_area_id = ANY(${p}::uuid[])`,
        responsible: (p) => `SELECT xa.action_id FROM action_areas xa WHERE xa.area_id = ANY(${p}::uuid[])`,
      });
    }
    if (f.overdue !== undefined) {
      add(w, (p) => `${f.overdue ? '' : 'NOT '}(${reportableSql('a.status')} AND ac.percent < 100 AND ac.due_date < ${p}::date)`, today);
    }
    const where = w.sql.length ? w.sql.join(' AND ') : 'true';
    const n = w.params.length;
    // One statement: the page's ids (with the total) and their rows. The ASM (for its status) is joined
    // for the page's 50 rows only, unless a filter needs it for every row.
    const from = f.overdue !== undefined ? 'actions ac JOIN asms a ON a.id = ac.asm_id' : 'actions ac';
    const rows = await preparedQuery<ActionRow & { asmStatus: AsmStatus; total: string }>(
      this.ds,
      `WITH page AS MATERIALIZED (
         SELECT ac.id, ac.asm_id, count(*) OVER () AS total
           FROM ${from}
          WHERE ${where}
          ORDER BY ac.due_date NULLS LAST, ac.id
          LIMIT $${n + 1} OFFSET $${n + 2})
       SELECT s.status AS "asmStatus", page.total, ${ACTION_COLUMNS}
         FROM page JOIN asms s ON s.id = page.asm_id JOIN ${ACTION_FROM} ON ac.id = page.id
        GROUP BY page.id, page.total, s.status, ac.id
        ORDER BY ac.due_date NULLS LAST, ac.id`,
      [...w.params, limit, offset],
    );
    const total = rows.length
      ? Number(rows[0].total)
      : offset > 0
        ? Number((await selectOne<{ total: string }>(this.ds, `SELECT count(*) AS total FROM ${from} WHERE ${where}`, w.params))!.total)
        : 0;
    return { items: rows.map((r) => this.toActionView(r, r.asmStatus, today)), total };
  }

  /** What permissions on an ASM depend on: its institution (its program's), its coordinating area and its actions' responsible areas. */
  async asmFacts(db: Db | undefined, asmId: string): Promise<AsmFacts | undefined> {
    return selectOne<AsmFacts>(
      db ?? this.ds,
      `SELECT a.coordinating_area_id AS "coordinatingAreaId", (SELECT p.institution_id FROM programs p WHERE p.id = a.program_id) AS "institutionId",
              COALESCE((SELECT array_agg(DISTINCT aa.area_id) FROM actions x JOIN action_areas aa ON aa.action_id = x.id WHERE x.asm_id = a.id), '{}') AS "responsibleAreaIds"
         FROM asms a WHERE a.id = $1`,
      [asmId],
    );
  }

  async actionFacts(db: Db | undefined, actionId: string): Promise<ActionFacts | undefined> {
    return selectOne<ActionFacts>(
      db ?? this.ds,
      `SELECT x.asm_id AS "asmId", a.coordinating_area_id AS "coordinatingAreaId", (SELECT p.institution_id FROM programs p WHERE p.id = a.program_id) AS "institutionId",
              COALESCE((SELECT array_agg(aa.area_id) FROM action_areas aa WHERE aa.action_id = x.id), '{}') AS "responsibleAreaIds"
         FROM actions x JOIN asms a ON a.id = x.asm_id WHERE x.id = $1`,
      [actionId],
    );
  }
}
