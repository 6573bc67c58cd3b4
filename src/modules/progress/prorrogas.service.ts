import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { toDmy, todayIn } from '../../common/dates';
import { lockVersioned } from '../../common/db/versioned';
import { NotFoundError, ValidationFailedError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import { OutboxService } from '../../queue/outbox.service';
import { AsmRepository } from '../asm/asm.repository';
import { Actor } from '../identity/actor';
import { Policy, PolicyAction } from '../identity/policy/policy';
import type { ProrrogaStatus } from './progress.types';
import { ListProrrogasQuery, RequestProrrogaDto } from './dto/progress.dto';
import { asmNotReportable, ProgressRuleError } from './progress.errors';

const PRORROGA = { label: 'la prórroga', table: 'prorrogas', notFoundCode: 'PRORROGA_NOT_FOUND' };

export interface ProrrogaView {
  id: string;
  version: number;
  actionId: string;
  asmId: string;
  /** The fecha de término as first committed. */
  originalDueDate: string | null;
  previousDueDate: string;
  requestedDueDate: string;
  justification: string;
  status: ProrrogaStatus;
  decisionReason: string | null;
  requestedBy: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/** Deadline extensions: requested by the responsible area, decided by the coordinating area. */
@Injectable()
export class ProrrogasService {
  constructor(
    private readonly ds: DataSource,
    private readonly uow: UnitOfWork,
    private readonly asms: AsmRepository,
    private readonly policy: Policy,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  private async assertOn(actor: Actor, action: PolicyAction, actionId: string): Promise<{ asmId: string; institutionId: string }> {
    const facts = await this.asms.actionFacts(undefined, actionId);
    if (!facts) throw new NotFoundError('la acción', 'ACTION_NOT_FOUND', actionId);
    const reason = action === 'review' ? 'el ASM no lo coordina ninguna de tus áreas' : 'la acción no está asignada a ninguna de tus áreas';
    this.policy.assert(actor, action, 'Prorroga', facts, reason);
    return facts;
  }

  async request(actionId: string, dto: RequestProrrogaDto, actor: Actor): Promise<ProrrogaView> {
    const { asmId, institutionId } = await this.assertOn(actor, 'create', actionId);
    const id = await this.uow.run(async (em) => {
      // A new fecha de término in the past would leave the action overdue the day it is approved.
      const [{ timeZone }] = await em.query(`SELECT time_zone AS "timeZone" FROM institutions WHERE id = $1`, [institutionId]);
      const today = todayIn(timeZone, this.clock.now());
      if (dto.requestedDueDate <= today) {
        throw new ValidationFailedError([
          { field: 'requestedDueDate', message: `La nueva fecha de término debe ser posterior a hoy (${toDmy(today)}, hora de la institución).` },
        ]);
      }
      const asm = await this.asms.lockAsm(em, asmId);
      if (asm!.status !== 'comprometido' && asm!.status !== 'en_proceso') throw asmNotReportable(asm!.status);
      const [action] = await em.query(`SELECT due_date AS "dueDate", percent FROM actions WHERE id = $1 FOR UPDATE`, [actionId]);
      if (action.percent === 100) throw new ProgressRuleError('ACTION_COMPLETE', 'La acción ya está al 100 %; no necesita prórroga.');
      if (dto.requestedDueDate <= action.dueDate) {
        throw new ValidationFailedError([
          { field: 'requestedDueDate', message: `La nueva fecha debe ser posterior a la fecha de término vigente (${toDmy(action.dueDate)}).` },
        ]);
      }
      const [pending] = await em.query(`SELECT id FROM prorrogas WHERE action_id = $1 AND status = 'solicitada'`, [actionId]);
      if (pending) {
        throw new ProgressRuleError('PRORROGA_PENDING', 'Esta acción ya tiene una prórroga en espera de decisión; espera la respuesta del área coordinadora.', [
          { field: 'actionId', message: 'Prórroga pendiente.', prorrogaId: pending.id },
        ]);
      }
      const [row] = await em.query(
        `INSERT INTO prorrogas (action_id, previous_due_date, requested_due_date, justification, requested_by) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
        [actionId, action.dueDate, dto.requestedDueDate, dto.justification, actor.id],
      );
      await this.outbox.add(em, 'prorroga.solicitada', { prorrogaId: row.id, actionId, asmId, requestedDueDate: dto.requestedDueDate, by: actor.id });
      return row.id as string;
    });
    return this.get(id, actor);
  }

  /** Approval moves the action's fecha de término; the committed (original) date stays on record. */
  async approve(id: string, version: number, actor: Actor): Promise<ProrrogaView> {
    await this.decide(id, version, actor, 'aprobada', null);
    return this.get(id, actor);
  }

  async reject(id: string, version: number, reason: string, actor: Actor): Promise<ProrrogaView> {
    await this.decide(id, version, actor, 'rechazada', reason);
    return this.get(id, actor);
  }

  private async decide(id: string, version: number, actor: Actor, to: 'aprobada' | 'rechazada', reason: string | null): Promise<void> {
    const [pre] = await this.ds.query(`SELECT action_id FROM prorrogas WHERE id = $1`, [id]);
    if (!pre) throw new NotFoundError(PRORROGA.label, PRORROGA.notFoundCode, id);
    const { asmId } = await this.assertOn(actor, 'review', pre.action_id);
    await this.uow.run(async (em) => {
      const p = await lockVersioned<{ version: number; status: ProrrogaStatus; previous_due_date: string; requested_due_date: string }>(
        em,
        PRORROGA,
        id,
        version,
        'version, status, previous_due_date, requested_due_date',
      );
      if (p.status !== 'solicitada') {
        throw new ProgressRuleError('PRORROGA_DECIDED', `La prórroga ya fue ${p.status}; no se puede decidir de nuevo.`);
      }
      if (to === 'aprobada') {
        const [action] = await em.query(`SELECT due_date AS "dueDate" FROM actions WHERE id = $1 FOR UPDATE`, [pre.action_id]);
        if (action.dueDate !== p.previous_due_date) {
          throw new ProgressRuleError('PRORROGA_STALE', 'La fecha de término cambió después de la solicitud; rechaza esta prórroga y pide una nueva.');
        }
        await em.query(
          `UPDATE actions SET due_date = $2, original_due_date = COALESCE(original_due_date, $3), version = version + 1, updated_at = now() WHERE id = $1`,
          [pre.action_id, p.requested_due_date, p.previous_due_date],
        );
      }
      await em.query(
        `UPDATE prorrogas SET status = $2, decision_reason = $3, decided_by = $4, decided_at = $5, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, to, reason, actor.id, this.clock.now()],
      );
      await this.outbox.add(em, to === 'aprobada' ? 'prorroga.aprobada' : 'prorroga.rechazada', {
        prorrogaId: id,
        actionId: pre.action_id,
        asmId,
        requestedDueDate: p.requested_due_date,
        reason,
        by: actor.id,
      });
    });
  }

  async get(id: string, actor: Actor): Promise<ProrrogaView> {
    const [pre] = await this.ds.query(`SELECT action_id FROM prorrogas WHERE id = $1`, [id]);
    if (!pre) throw new NotFoundError(PRORROGA.label, PRORROGA.notFoundCode, id);
    await this.assertOn(actor, 'read', pre.action_id);
    const [view] = await this.views('p.id = $1', [id]);
    return view;
  }

  async list(q: ListProrrogasQuery, actor: Actor): Promise<Page<ProrrogaView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const scope = this.policy.scope(actor, 'read', 'Prorroga');
    const where = `($1::text IS NULL OR p.status = $1) AND ($2::uuid IS NULL OR p.action_id = $2)
       AND ($3 OR a.coordinating_area_id = ANY($4::uuid[]) OR EXISTS (SELECT 1 FROM action_areas aa WHERE aa.action_id = p.action_id AND aa.area_id = ANY($5::uuid[])))
       AND ($6::uuid IS NULL OR EXISTS (SELECT 1 FROM programs ip WHERE ip.id = a.program_id AND ip.institution_id = $6))`;
    const params = [q.status ?? null, q.actionId ?? null, scope.all, scope.coordinatingAreaIds, scope.responsibleAreaIds, scope.institutionId];
    const [{ total }] = await this.ds.query(
      `SELECT count(*)::int AS total FROM prorrogas p JOIN actions x ON x.id = p.action_id JOIN asms a ON a.id = x.asm_id WHERE ${where}`,
      params,
    );
    return { items: await this.views(where, [...params, pageSize, offset], 'ORDER BY p.created_at, p.id LIMIT $7 OFFSET $8'), page, pageSize, total };
  }

  private views(where: string, params: unknown[], tail = ''): Promise<ProrrogaView[]> {
    return this.ds.query(
      `SELECT p.id, p.version, p.action_id AS "actionId", x.asm_id AS "asmId", x.original_due_date AS "originalDueDate",
              p.previous_due_date AS "previousDueDate", p.requested_due_date AS "requestedDueDate", p.justification, p.status,
              p.decision_reason AS "decisionReason", p.requested_by AS "requestedBy", p.decided_by AS "decidedBy",
              p.decided_at AS "decidedAt", p.created_at AS "createdAt"
         FROM prorrogas p JOIN actions x ON x.id = p.action_id JOIN asms a ON a.id = x.asm_id
        WHERE ${where} ${tail}`,
      params,
    );
  }
}
