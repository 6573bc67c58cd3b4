import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../../database/prepared';
import { programKey } from '../catalog/program.entity';
import { formatPromedio, promedioHundredths } from './promedio';
import type { AsmStatus } from './asm.entity';
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

/** Statuses in which an action can be overdue: a committed plan not yet finished. */
const LIVE_STATUSES: AsmStatus[] = ['comprometido', 'en_proceso'];

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

/** Named queries over asms, actions and their areas; the SQL stays reviewable here. */
@Injectable()
export class AsmRepository {
  constructor(private readonly ds: DataSource) {}

  private m(em?: EntityManager): EntityManager {
    return em ?? this.ds.manager;
  }

  /** Locks the ASM row for the rest of the transaction; plan and status change under this lock. */
  async lockAsm(em: EntityManager, id: string): Promise<{ id: string; status: AsmStatus; version: number; coordinatingAreaId: string | null } | undefined> {
    const rows = await em.query(
      `SELECT id, status, version, coordinating_area_id AS "coordinatingAreaId" FROM asms WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0];
  }

  async lockAction(em: EntityManager, id: string): Promise<{ id: string; asmId: string; version: number } | undefined> {
    const rows = await em.query(`SELECT id, asm_id AS "asmId", version FROM actions WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async nextActionPosition(em: EntityManager, asmId: string): Promise<number> {
    const rows = await em.query(`SELECT COALESCE(max(position), 0) + 1 AS n FROM actions WHERE asm_id = $1`, [asmId]);
    return Number(rows[0].n);
  }

  async setActionAreas(em: EntityManager, actionId: string, areaIds: string[]): Promise<void> {
    await em.query(`DELETE FROM action_areas WHERE action_id = $1`, [actionId]);
    if (areaIds.length === 0) return;
    await em.query(
      `INSERT INTO action_areas (action_id, area_id, position)
       SELECT $1, area_id, ord FROM unnest($2::uuid[]) WITH ORDINALITY AS t(area_id, ord)`,
      [actionId, areaIds],
    );
  }

  /** Recomputes the folded search texts of an ASM and of each of its actions, each from its own text. */
  async refreshSearchText(em: EntityManager, asmId: string, fold: (s: string) => string): Promise<void> {
    const [asm] = await em.query(`SELECT text FROM asms WHERE id = $1`, [asmId]);
    await em.query(`UPDATE asms SET search_text = $2 WHERE id = $1`, [asmId, fold(asm.text)]);
    const actions: { id: string; description: string }[] = await em.query(`SELECT id, description FROM actions WHERE asm_id = $1`, [asmId]);
    if (actions.length === 0) return;
    await em.query(`UPDATE actions x SET search_text = u.s FROM unnest($1::uuid[], $2::text[]) AS u(id, s) WHERE x.id = u.id AND x.search_text IS DISTINCT FROM u.s`, [
      actions.map((a) => a.id),
      actions.map((a) => fold(a.description)),
    ]);
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
          `${f.overdue ? '' : 'NOT '}(a.status = ANY('{${LIVE_STATUSES.join(',')}}'::text[]) AND EXISTS (SELECT 1 FROM actions x WHERE x.asm_id = a.id AND x.percent < 100 AND x.due_date < ${p}::date AND ${readable()}))`,
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

  async listAsmIds(f: AsmFilters, today: string, limit: number, offset: number, em?: EntityManager): Promise<{ ids: string[]; total: number }> {
    const w = this.asmWhere(f, today);
    const where = w.sql.length ? `WHERE ${w.sql.join(' AND ')}` : '';
    const n = w.params.length;
    const rows = await preparedQuery<{ id: string; total: number }>(
      this.m(em),
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
      const count = await this.m(em).query(`SELECT count(*) AS total FROM asms a ${where}`, w.params);
      return { ids: [], total: Number(count[0].total) };
    }
    return { ids: rows.map((r) => r.id), total: rows.length ? Number(rows[0].total) : 0 };
  }

  /** Full views of the given ASMs, in the order of `ids`. Three queries whatever the count. */
  async views(ids: string[], today: string, em?: EntityManager): Promise<AsmView[]> {
    if (ids.length === 0) return [];
    const m = this.m(em);
    const asms = await preparedQuery(
      m,
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
    const actions = await this.actionRows(m, `ac.asm_id = ANY($1::uuid[])`, [ids]);
    const byAsm = new Map<string, ActionView[]>();
    const status = new Map<string, AsmStatus>(asms.map((a) => [a.id as string, a.status as AsmStatus]));
    for (const row of actions) {
      const view = this.toActionView(row, status.get(row.asmId as string)!, today);
      const list = byAsm.get(view.asmId) ?? [];
      list.push(view);
      byAsm.set(view.asmId, list);
    }
    const byId = new Map<string, AsmView>();
    for (const a of asms) {
      const acts = byAsm.get(a.id as string) ?? [];
      const h = promedioHundredths(acts);
      byId.set(a.id as string, {
        id: a.id as string,
        version: a.version as number,
        externalId: a.externalId as string | null,
        program: {
          id: a.programId as string,
          key: programKey({ modality: a.modality as string, code: a.code as string }),
          name: a.programName as string,
          ramoCode: a.ramoCode as string,
        },
        cycle: { id: a.cycleId as string, label: a.cycleLabel as string },
        evaluationId: a.evaluationId as string | null,
        recommendationId: a.recommendationId as string | null,
        text: a.text as string,
        classification: a.classification as AsmView['classification'],
        priority: a.priority as AsmView['priority'],
        improvementType: a.improvementType as AsmView['improvementType'],
        topic: a.topic as string | null,
        coordinatingArea: a.areaId ? { id: a.areaId as string, name: a.areaName as string } : null,
        status: a.status as AsmStatus,
        statusReason: a.statusReason as string | null,
        promedio: h === null ? null : h / 100,
        promedioText: formatPromedio(h),
        actions: acts,
        createdAt: a.createdAt as Date,
        updatedAt: a.updatedAt as Date,
      });
    }
    return ids.map((id) => byId.get(id)).filter((v): v is AsmView => v !== undefined);
  }

  private async actionRows(m: EntityManager, where: string, params: unknown[], tail = 'ORDER BY ac.asm_id, ac.position, ac.created_at'): Promise<Record<string, unknown>[]> {
    return preparedQuery(m, `SELECT ${ACTION_COLUMNS} FROM ${ACTION_FROM} WHERE ${where} GROUP BY ac.id ${tail}`, params);
  }

  private toActionView(r: Record<string, unknown>, asmStatus: AsmStatus, today: string): ActionView {
    const dueDate = r.dueDate as string | null;
    return {
      id: r.id as string,
      asmId: r.asmId as string,
      version: r.version as number,
      position: r.position as number,
      description: r.description as string,
      responsibleAreas: r.responsibleAreas as ActionView['responsibleAreas'],
      dueDate,
      originalDueDate: r.originalDueDate as string | null,
      expectedResults: r.expectedResults as string | null,
      products: r.products as string | null,
      percent: r.percent as number,
      proofDocumentName: r.proofDocumentName as string | null,
      proofDocumentLocation: r.proofDocumentLocation as string | null,
      observations: r.observations as string | null,
      weight: r.weight as number | null,
      overdue: LIVE_STATUSES.includes(asmStatus) && dueDate !== null && dueDate < today && (r.percent as number) < 100,
    };
  }

  async actionView(id: string, today: string, em?: EntityManager): Promise<ActionView | undefined> {
    const m = this.m(em);
    const rows = await this.actionRows(m, `ac.id = $1`, [id]);
    if (!rows[0]) return undefined;
    const st = await m.query(`SELECT status FROM asms WHERE id = $1`, [rows[0].asmId]);
    return this.toActionView(rows[0], st[0].status, today);
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
      add(
        w,
        (p) => `${f.overdue ? '' : 'NOT '}(a.status = ANY('{${LIVE_STATUSES.join(',')}}'::text[]) AND ac.percent < 100 AND ac.due_date < ${p}::date)`,
        today,
      );
    }
    const where = w.sql.length ? w.sql.join(' AND ') : 'true';
    const n = w.params.length;
    const m = this.ds.manager;
    // One statement: the page's ids (with the total) and their rows. The ASM (for its status) is joined
    // for the page's 50 rows only, unless a filter needs it for every row.
    const from = f.overdue !== undefined ? 'actions ac JOIN asms a ON a.id = ac.asm_id' : 'actions ac';
    const rows = await preparedQuery<Record<string, unknown> & { asmStatus: AsmStatus; total: string }>(
      m,
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
        ? Number((await m.query(`SELECT count(*) AS total FROM ${from} WHERE ${where}`, w.params))[0].total)
        : 0;
    return { items: rows.map((r) => this.toActionView(r, r.asmStatus, today)), total };
  }

  /** What permissions on an ASM depend on: its institution (its program's), its coordinating area and its actions' responsible areas. */
  async asmFacts(
    em: EntityManager | undefined,
    asmId: string,
  ): Promise<{ coordinatingAreaId: string | null; responsibleAreaIds: string[]; institutionId: string } | undefined> {
    const rows = await this.m(em).query(
      `SELECT a.coordinating_area_id AS "coordinatingAreaId", (SELECT p.institution_id FROM programs p WHERE p.id = a.program_id) AS "institutionId",
              COALESCE((SELECT array_agg(DISTINCT aa.area_id) FROM actions x JOIN action_areas aa ON aa.action_id = x.id WHERE x.asm_id = a.id), '{}') AS "responsibleAreaIds"
         FROM asms a WHERE a.id = $1`,
      [asmId],
    );
    return rows[0];
  }

  async actionFacts(
    em: EntityManager | undefined,
    actionId: string,
  ): Promise<{ asmId: string; coordinatingAreaId: string | null; responsibleAreaIds: string[]; institutionId: string } | undefined> {
    const rows = await this.m(em).query(
      `SELECT x.asm_id AS "asmId", a.coordinating_area_id AS "coordinatingAreaId", (SELECT p.institution_id FROM programs p WHERE p.id = a.program_id) AS "institutionId",
              COALESCE((SELECT array_agg(aa.area_id) FROM action_areas aa WHERE aa.action_id = x.id), '{}') AS "responsibleAreaIds"
         FROM actions x JOIN asms a ON a.id = x.asm_id WHERE x.id = $1`,
      [actionId],
    );
    return rows[0];
  }

  /** Actions of an ASM for the plan-completeness check. */
  async planOf(em: EntityManager, asmId: string): Promise<
    { id: string; position: number; dueDate: string | null; expectedResults: string | null; products: string | null; areaCount: number }[]
  > {
    return em.query(
      `SELECT ac.id, ac.position, ac.due_date AS "dueDate", ac.expected_results AS "expectedResults", ac.products,
              (SELECT count(*) FROM action_areas aa WHERE aa.action_id = ac.id)::int AS "areaCount"
         FROM actions ac WHERE ac.asm_id = $1 ORDER BY ac.position`,
      [asmId],
    );
  }
}
