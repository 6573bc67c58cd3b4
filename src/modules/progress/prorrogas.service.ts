import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { toDmy, todayIn } from '../../common/dates';
import { ValidationFailedError, VersionConflictError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import { OutboxService } from '../../queue/outbox.service';
import { AsmProgress } from '../asm/asm-progress';
import { actionNotFound } from '../asm/asm.errors';
import { AsmRepository } from '../asm/asm.repository';
import { isReportable } from '../asm/asm.types';
import { Actor } from '../identity/actor';
import { Policy, PolicyAction } from '../identity/policy/policy';
import { ListProrrogasQuery, RequestProrrogaDto } from './dto/progress.dto';
import { actionComplete, asmNotReportable, prorrogaDecided, prorrogaNotFound, prorrogaPending, prorrogaStale } from './progress.errors';
import type { ProrrogaView } from './progress.rows';
import { ProrrogasRepository } from './prorrogas.repository';

export type { ProrrogaView } from './progress.rows';

const PRORROGA = 'la prórroga';

/** Deadline extensions: requested by the responsible area, decided by the coordinating area. */
@Injectable()
export class ProrrogasService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: ProrrogasRepository,
    private readonly asms: AsmRepository,
    private readonly asmProgress: AsmProgress,
    private readonly policy: Policy,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  private async assertOn(actor: Actor, action: PolicyAction, actionId: string): Promise<{ asmId: string; institutionId: string }> {
    const facts = await this.asms.actionFacts(undefined, actionId);
    if (!facts) throw actionNotFound(actionId);
    const reason = action === 'review' ? 'el ASM no lo coordina ninguna de tus áreas' : 'la acción no está asignada a ninguna de tus áreas';
    this.policy.assert(actor, action, 'Prorroga', facts, reason);
    return facts;
  }

  async request(actionId: string, dto: RequestProrrogaDto, actor: Actor): Promise<ProrrogaView> {
    const { asmId, institutionId } = await this.assertOn(actor, 'create', actionId);
    const id = await this.uow.run(async (em) => {
      // A new fecha de término in the past would leave the action overdue the day it is approved.
      const today = todayIn(await this.repo.institutionTimeZone(em, institutionId), this.clock.now());
      if (dto.requestedDueDate <= today) {
        throw new ValidationFailedError([
          { field: 'requestedDueDate', message: `La nueva fecha de término debe ser posterior a hoy (${toDmy(today)}, hora de la institución).` },
        ]);
      }
      const asm = (await this.asmProgress.lockAsm(em, asmId))!;
      if (!isReportable(asm.status)) throw asmNotReportable(asm.status);
      const action = (await this.asmProgress.lockActionDates(em, actionId))!;
      if (action.percent === 100) throw actionComplete();
      // A committed action always has its fecha de término (the plan-completeness check).
      const dueDate = action.dueDate!;
      if (dto.requestedDueDate <= dueDate) {
        throw new ValidationFailedError([
          { field: 'requestedDueDate', message: `La nueva fecha debe ser posterior a la fecha de término vigente (${toDmy(dueDate)}).` },
        ]);
      }
      const pending = await this.repo.pendingOf(em, actionId);
      if (pending) throw prorrogaPending(pending.id);
      const prorrogaId = await this.repo.insert(em, {
        actionId,
        previousDueDate: dueDate,
        requestedDueDate: dto.requestedDueDate,
        justification: dto.justification,
        requestedBy: actor.id,
      });
      await this.outbox.add(em, 'prorroga.solicitada', { prorrogaId, actionId, asmId, requestedDueDate: dto.requestedDueDate, by: actor.id });
      return prorrogaId;
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
    const actionId = await this.repo.actionIdOf(id);
    if (!actionId) throw prorrogaNotFound(id);
    const { asmId } = await this.assertOn(actor, 'review', actionId);
    await this.uow.run(async (em) => {
      const p = await this.repo.lock(em, id);
      if (!p) throw prorrogaNotFound(id);
      if (p.version !== version) throw new VersionConflictError(PRORROGA, p.version);
      if (p.status !== 'solicitada') throw prorrogaDecided(p.status);
      if (to === 'aprobada' && !(await this.asmProgress.extendDueDate(em, actionId, p.previousDueDate, p.requestedDueDate))) throw prorrogaStale();
      await this.repo.decide(em, id, { status: to, reason, by: actor.id, at: this.clock.now() });
      await this.outbox.add(em, to === 'aprobada' ? 'prorroga.aprobada' : 'prorroga.rechazada', {
        prorrogaId: id,
        actionId,
        asmId,
        requestedDueDate: p.requestedDueDate,
        reason,
        by: actor.id,
      });
    });
  }

  async get(id: string, actor: Actor): Promise<ProrrogaView> {
    const actionId = await this.repo.actionIdOf(id);
    if (!actionId) throw prorrogaNotFound(id);
    await this.assertOn(actor, 'read', actionId);
    return (await this.repo.byId(id))!;
  }

  async list(q: ListProrrogasQuery, actor: Actor): Promise<Page<ProrrogaView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const scope = this.policy.scope(actor, 'read', 'Prorroga');
    const { rows, total } = await this.repo.page({ status: q.status, actionId: q.actionId, scope }, pageSize, offset);
    return { items: rows, page, pageSize, total };
  }
}
