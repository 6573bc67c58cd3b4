import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../../database/prepared';
import { Clock } from '../../common/clock';
import { SetList } from '../../common/db/set-list';
import { NotFoundError, ValidationFailedError, VersionConflictError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import { OutboxEventType, OutboxService } from '../../queue/outbox.service';
import { AsmRepository } from '../asm/asm.repository';
import { nextStatus } from '../asm/asm-status';
import type { AsmStatus } from '../asm/asm.types';
import { Actor } from '../identity/actor';
import { AreaFacts, Policy, PolicyAction } from '../identity/policy/policy';
import { monthYearLabel } from '../reporting/reporting.types';
import type { AvanceStatus } from './progress.types';
import type { AvanceEventName } from './progress.types';
import { CreateAvanceDto, ListAvancesQuery, UpdateAvanceDto } from './dto/progress.dto';
import { asmNotReportable, avanceState, corteClosed, noOpenCorte, ProgressRuleError } from './progress.errors';

const AVANCE = { label: 'el avance', table: 'avances', notFoundCode: 'AVANCE_NOT_FOUND' };

export interface EvidenceView {
  id: string;
  version: number;
  displayName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
  uploadedBy: string | null;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
}

export interface AvanceView {
  id: string;
  version: number;
  actionId: string;
  asmId: string;
  corte: { id: string; label: string; status: string };
  percent: number;
  /** The action's official % (last approved) when this avance was read. */
  approvedPercent: number;
  observations: string | null;
  proofDocumentName: string | null;
  proofDocumentLocation: string | null;
  decreaseJustification: string | null;
  status: AvanceStatus;
  returnReason: string | null;
  createdBy: string | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  evidence: EvidenceView[];
  history?: { at: Date; actorId: string | null; event: AvanceEventName; percent: number | null; note: string | null }[];
}

/** An avance locked for a change, with everything its rules and permissions need (one query). */
interface LockedAvance {
  version: number;
  status: AvanceStatus;
  action_id: string;
  corte_id: string;
  percent: number;
  decrease_justification: string | null;
  observations: string | null;
  proofDocumentName: string | null;
  proofDocumentLocation: string | null;
  asmId: string;
  actionPercent: number;
  asmStatus: AsmStatus;
  coordinatingAreaId: string | null;
  responsibleAreaIds: string[];
  corteStatus: string;
  corteYear: number;
  corteMonth: number;
}

/**
 * Progress reports: a responsible area drafts and submits; the coordinating
 * area approves (the action takes the avance's values) or returns it with a
 * reason. Every step is in the avance's history and, for notices, the outbox.
 */
@Injectable()
export class AvancesService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly asms: AsmRepository,
    private readonly policy: Policy,
    private readonly clock: Clock,
  ) {}

  private async facts(em: EntityManager | undefined, actionId: string): Promise<AreaFacts & { asmId: string }> {
    const f = await this.asms.actionFacts(em, actionId);
    if (!f) throw new NotFoundError('la acción', 'ACTION_NOT_FOUND', actionId);
    return f;
  }

  private assert(actor: Actor, action: PolicyAction, facts: AreaFacts): void {
    const reason = action === 'review' ? 'el ASM no lo coordina ninguna de tus áreas' : 'la acción no está asignada a ninguna de tus áreas';
    this.policy.assert(actor, action, 'Avance', facts, reason);
  }

  private async assertReportable(em: EntityManager, asmId: string): Promise<AsmStatus> {
    const [asm] = await em.query(`SELECT status FROM asms WHERE id = $1`, [asmId]);
    if (asm.status !== 'comprometido' && asm.status !== 'en_proceso') throw asmNotReportable(asm.status);
    return asm.status;
  }

  async create(actionId: string, dto: CreateAvanceDto, actor: Actor): Promise<AvanceView> {
    return this.uow.run(async (em) => {
      const facts = await this.facts(em, actionId);
      this.assert(actor, 'create', facts);
      await this.assertReportable(em, facts.asmId);
      // The open cut of the action's institution: each institution reports in its own cuts.
      const [corte] = await em.query(`SELECT id FROM cortes WHERE status = 'abierto' AND institution_id = $1 FOR SHARE`, [facts.institutionId]);
      if (!corte) throw noOpenCorte();
      const [existing] = await em.query(
        `SELECT id, status FROM avances WHERE action_id = $1 AND corte_id = $2 AND status IN ('borrador', 'enviado', 'devuelto')`,
        [actionId, corte.id],
      );
      if (existing) {
        throw new ProgressRuleError(
          'AVANCE_ALREADY_OPEN',
          `Esta acción ya tiene un avance ${existing.status} en el corte abierto; edítalo en lugar de crear otro.`,
          [{ field: 'actionId', message: 'Avance en curso.', avanceId: existing.id }],
        );
      }
      return this.write(em, actor, {
        statement: `INSERT INTO avances (action_id, corte_id, percent, observations, proof_document_name, proof_document_location, decrease_justification, created_by)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        params: [actionId, corte.id, dto.percent, dto.observations ?? null, dto.proofDocumentName ?? null, dto.proofDocumentLocation ?? null, dto.decreaseJustification ?? null, actor.id],
        event: 'creado',
      });
    });
  }

  async update(id: string, dto: UpdateAvanceDto, actor: Actor): Promise<AvanceView> {
    return this.uow.run(async (em) => {
      const a = await this.lockFor(em, id, dto.version, actor, 'update');
      if (a.status !== 'borrador' && a.status !== 'devuelto') throw avanceState(a.status, 'modificar');
      AvancesService.corteOpen(a);
      const sets = new SetList()
        .add('percent', dto.percent)
        .add('observations', dto.observations)
        .add('proof_document_name', dto.proofDocumentName)
        .add('proof_document_location', dto.proofDocumentLocation)
        .add('decrease_justification', dto.decreaseJustification);
      return this.write(em, actor, { ...AvancesService.updateOf(id, sets), event: 'editado' });
    });
  }

  /** Draft or returned → submitted, once the rules of the mechanism hold. */
  async submit(id: string, version: number, actor: Actor): Promise<AvanceView> {
    return this.uow.run(async (em) => {
      const a = await this.lockFor(em, id, version, actor, 'submit');
      if (a.status !== 'borrador' && a.status !== 'devuelto') throw avanceState(a.status, 'enviar');
      AvancesService.corteOpen(a);
      AvancesService.reportable(a);
      if (a.percent < a.actionPercent && !a.decrease_justification?.trim()) {
        throw new ValidationFailedError(
          [{ field: 'decreaseJustification', message: `El avance baja de ${a.actionPercent} % a ${a.percent} %: explica por qué.` }],
          `El % propuesto (${a.percent}) es menor que el aprobado (${a.actionPercent}); agrega la justificación de la baja antes de enviar.`,
        );
      }
      if (a.percent === 100) {
        const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM evidence_files WHERE avance_id = $1 AND withdrawn_at IS NULL`, [id]);
        if (n === 0) {
          throw new ValidationFailedError(
            [{ field: 'evidence', message: 'Un avance del 100 % necesita al menos un archivo de evidencia.' }],
            'Para reportar 100 % adjunta al menos un archivo de evidencia (documento probatorio) y vuelve a enviar.',
          );
        }
      }
      const sets = new SetList().add('status', 'enviado').add('submitted_at', this.clock.now()).add('submitted_by', actor.id);
      return this.write(em, actor, {
        ...AvancesService.updateOf(id, sets),
        event: 'enviado',
        outbox: { type: 'avance.enviado', payload: { avanceId: id, actionId: a.action_id, asmId: a.asmId, corteId: a.corte_id, percent: a.percent, by: actor.id } },
      });
    });
  }

  /**
   * Approval: the action's official % and document fields take the avance's
   * values; the first approved progress moves the ASM to en proceso, and when
   * every action stands at 100 % the ASM concludes in this cut.
   */
  async approve(id: string, version: number, actor: Actor): Promise<AvanceView> {
    return this.uow.run(async (em) => {
      const a = await this.lockFor(em, id, version, actor, 'review');
      if (a.status !== 'enviado') throw avanceState(a.status, 'aprobar');
      AvancesService.corteOpen(a);
      AvancesService.reportable(a);
      await em.query(
        `UPDATE actions SET percent = $2, observations = $3, proof_document_name = $4, proof_document_location = $5, version = version + 1, updated_at = now() WHERE id = $1`,
        [a.action_id, a.percent, a.observations, a.proofDocumentName, a.proofDocumentLocation],
      );
      let status: AsmStatus = a.asmStatus;
      if (status === 'comprometido') status = nextStatus(status, 'start_progress');
      const [{ pending }] = await em.query(`SELECT count(*) FILTER (WHERE percent < 100)::int AS pending FROM actions WHERE asm_id = $1`, [a.asmId]);
      const concluded = pending === 0;
      if (concluded) status = nextStatus(status, 'conclude');
      if (status !== a.asmStatus) {
        await em.query(
          `UPDATE asms SET status = $2, concluded_at = CASE WHEN $3 THEN $4::timestamptz END, concluded_corte_id = CASE WHEN $3 THEN $5::uuid END,
                  version = version + 1, updated_at = now() WHERE id = $1`,
          [a.asmId, status, concluded, this.clock.now(), a.corte_id],
        );
      }
      const sets = new SetList().add('status', 'aprobado').add('reviewed_at', this.clock.now()).add('reviewed_by', actor.id).add('return_reason', null);
      return this.write(em, actor, {
        ...AvancesService.updateOf(id, sets),
        event: 'aprobado',
        outbox: {
          type: 'avance.aprobado',
          payload: { avanceId: id, actionId: a.action_id, asmId: a.asmId, corteId: a.corte_id, percent: a.percent, asmStatus: status, by: actor.id },
        },
      });
    });
  }

  async returnToArea(id: string, version: number, reason: string, actor: Actor): Promise<AvanceView> {
    return this.uow.run(async (em) => {
      const a = await this.lockFor(em, id, version, actor, 'review');
      if (a.status !== 'enviado') throw avanceState(a.status, 'devolver');
      AvancesService.corteOpen(a);
      const sets = new SetList().add('status', 'devuelto').add('return_reason', reason).add('reviewed_at', this.clock.now()).add('reviewed_by', actor.id);
      return this.write(em, actor, {
        ...AvancesService.updateOf(id, sets),
        event: 'devuelto',
        note: reason,
        outbox: { type: 'avance.devuelto', payload: { avanceId: id, actionId: a.action_id, asmId: a.asmId, corteId: a.corte_id, reason, by: actor.id } },
      });
    });
  }

  /**
   * Locks the avance (and, for a review, its ASM) and holds a share lock on its
   * cut until commit, reading in the same query what the rules need; then
   * checks the permission and the version.
   */
  private async lockFor(em: EntityManager, id: string, version: number, actor: Actor, action: PolicyAction): Promise<LockedAvance> {
    const [a] = await preparedQuery<LockedAvance>(
      em,
      `SELECT v.version, v.status, v.action_id, v.corte_id, v.percent, v.decrease_justification, v.observations,
              v.proof_document_name AS "proofDocumentName", v.proof_document_location AS "proofDocumentLocation",
              x.asm_id AS "asmId", x.percent AS "actionPercent", s.status AS "asmStatus", s.coordinating_area_id AS "coordinatingAreaId",
              COALESCE((SELECT array_agg(aa.area_id) FROM action_areas aa WHERE aa.action_id = x.id), '{}') AS "responsibleAreaIds",
              c.status AS "corteStatus", c.year AS "corteYear", c.month AS "corteMonth"
         FROM avances v JOIN actions x ON x.id = v.action_id JOIN asms s ON s.id = x.asm_id JOIN cortes c ON c.id = v.corte_id
        WHERE v.id = $1
        ${action === 'review' ? 'FOR UPDATE OF v, s' : 'FOR UPDATE OF v'} FOR SHARE OF c`,
      [id],
    );
    if (!a) throw new NotFoundError(AVANCE.label, AVANCE.notFoundCode, id);
    this.assert(actor, action, a);
    if (a.version !== version) throw new VersionConflictError(AVANCE.label, a.version);
    return a;
  }

  private static corteOpen(a: LockedAvance): void {
    if (a.corteStatus !== 'abierto') throw corteClosed(monthYearLabel(a.corteMonth, a.corteYear));
  }

  private static reportable(a: LockedAvance): void {
    if (a.asmStatus !== 'comprometido' && a.asmStatus !== 'en_proceso') throw asmNotReportable(a.asmStatus);
  }

  private static updateOf(id: string, sets: SetList): { statement: string; params: unknown[] } {
    return { statement: `UPDATE avances SET ${sets.clauses(2)} WHERE id = $1 RETURNING *`, params: [id, ...sets.values] };
  }

  /**
   * One statement for one step of the workflow: the avance's change (an INSERT
   * or UPDATE … RETURNING *), its history event, its follow-up in the outbox if
   * any, and the avance as the API returns it (the full history is on GET). One
   * round trip instead of four: the steps of the avance workflow are the
   * busiest writes of the system.
   */
  private async write(
    em: EntityManager,
    actor: Actor,
    step: {
      statement: string;
      params: unknown[];
      event: AvanceEventName;
      note?: string;
      outbox?: { type: OutboxEventType; payload: Record<string, unknown> };
    },
  ): Promise<AvanceView> {
    const params = [...step.params];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const history = `INSERT INTO avance_events (avance_id, occurred_at, actor_id, event, percent, note)
      SELECT id, ${param(this.clock.now())}::timestamptz, ${param(actor.id)}::uuid, ${param(step.event)}::text, percent, ${param(step.note ?? null)}::text FROM changed`;
    const outbox = step.outbox ? `, notice AS (${OutboxService.insertFrom('changed', param(step.outbox.type), param(step.outbox.payload))})` : '';
    const [row] = await preparedQuery<AvanceRow>(em, `WITH changed AS (${step.statement}), history AS (${history})${outbox} ${viewSql('changed', 'true')}`, params);
    return toView(row);
  }

  async get(id: string, actor: Actor): Promise<AvanceView> {
    const [pre] = await this.ds.query(`SELECT action_id FROM avances WHERE id = $1`, [id]);
    if (!pre) throw new NotFoundError(AVANCE.label, AVANCE.notFoundCode, id);
    this.assert(actor, 'read', await this.facts(undefined, pre.action_id));
    const [view] = await this.views(`v.id = $1`, [id]);
    view.history = await this.ds.query(
      `SELECT occurred_at AS "at", actor_id AS "actorId", event, percent, note FROM avance_events WHERE avance_id = $1 ORDER BY id`,
      [id],
    );
    return view;
  }

  async list(q: ListAvancesQuery, actor: Actor): Promise<Page<AvanceView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const scope = this.policy.scope(actor, 'read', 'Avance');
    const where = `($1::text IS NULL OR v.status = $1) AND ($2::uuid IS NULL OR v.corte_id = $2) AND ($3::uuid IS NULL OR v.action_id = $3)
       AND ($4::uuid IS NULL OR x.asm_id = $4)
       AND ($5 OR a.coordinating_area_id = ANY($6::uuid[]) OR EXISTS (SELECT 1 FROM action_areas aa WHERE aa.action_id = v.action_id AND aa.area_id = ANY($7::uuid[])))
       AND ($8::uuid IS NULL OR EXISTS (SELECT 1 FROM programs ip WHERE ip.id = a.program_id AND ip.institution_id = $8))`;
    const params = [
      q.status ?? null,
      q.corteId ?? null,
      q.actionId ?? null,
      q.asmId ?? null,
      scope.all,
      scope.coordinatingAreaIds,
      scope.responsibleAreaIds,
      scope.institutionId,
    ];
    const [{ total }] = await this.ds.query(
      `SELECT count(*)::int AS total FROM avances v JOIN actions x ON x.id = v.action_id JOIN asms a ON a.id = x.asm_id WHERE ${where}`,
      params,
    );
    const items = await this.views(where, [...params, pageSize, offset], 'ORDER BY v.submitted_at NULLS LAST, v.created_at, v.id LIMIT $9 OFFSET $10');
    return { items, page, pageSize, total };
  }

  private async views(where: string, params: unknown[], tail = ''): Promise<AvanceView[]> {
    return (await preparedQuery<AvanceRow>(this.ds, viewSql('avances', where, tail), params)).map(toView);
  }
}

type AvanceRow = Omit<AvanceView, 'corte'> & { corte: { id: string; year: number; month: number; status: string } };

/**
 * The avances of `source` (the table, or the row a write just changed) as the
 * API returns them; `v` names the avance in `where` and `tail`.
 */
function viewSql(source: string, where: string, tail = ''): string {
  return `SELECT v.id, v.version, v.action_id AS "actionId", x.asm_id AS "asmId",
              json_build_object('id', c.id, 'year', c.year, 'month', c.month, 'status', c.status) AS corte,
              v.percent, x.percent AS "approvedPercent", v.observations, v.proof_document_name AS "proofDocumentName",
              v.proof_document_location AS "proofDocumentLocation", v.decrease_justification AS "decreaseJustification",
              v.status, v.return_reason AS "returnReason", v.created_by AS "createdBy", v.submitted_at AS "submittedAt",
              v.reviewed_at AS "reviewedAt", v.reviewed_by AS "reviewedBy", v.created_at AS "createdAt", v.updated_at AS "updatedAt",
              COALESCE((SELECT json_agg(json_build_object('id', f.id, 'version', f.version, 'displayName', f.display_name,
                          'mimeType', f.mime_type, 'sizeBytes', f.size_bytes, 'sha256', f.sha256, 'uploadedAt', f.uploaded_at,
                          'uploadedBy', f.uploaded_by, 'withdrawnAt', f.withdrawn_at, 'withdrawalReason', f.withdrawal_reason) ORDER BY f.uploaded_at)
                          FROM evidence_files f WHERE f.avance_id = v.id), '[]') AS evidence
         FROM ${source} v JOIN actions x ON x.id = v.action_id JOIN asms a ON a.id = x.asm_id JOIN cortes c ON c.id = v.corte_id
        WHERE ${where} ${tail}`;
}

function toView(r: AvanceRow): AvanceView {
  return { ...r, corte: { id: r.corte.id, label: monthYearLabel(r.corte.month, r.corte.year), status: r.corte.status } };
}
