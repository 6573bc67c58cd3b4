import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { ValidationFailedError, VersionConflictError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { UnitOfWork } from '../../database/unit-of-work';
import type { Db } from '../../database/sql';
import { AsmProgress } from '../asm/asm-progress';
import { actionNotFound } from '../asm/asm.errors';
import { ActionFacts, AsmRepository } from '../asm/asm.repository';
import { isReportable } from '../asm/asm.types';
import type { AsmStatus } from '../asm/asm.types';
import { Actor } from '../identity/actor';
import { AreaFacts, Policy, PolicyAction } from '../identity/policy/policy';
import { monthYearLabel } from '../reporting/reporting.types';
import { AvancePatch, AvancesRepository, AvanceStep } from './avances.repository';
import { CreateAvanceDto, ListAvancesQuery, UpdateAvanceDto } from './dto/progress.dto';
import { asmNotReportable, avanceAlreadyOpen, avanceNotFound, avanceState, corteClosed, noOpenCorte } from './progress.errors';
import type { AvanceRow, AvanceView, LockedAvance } from './progress.rows';

export type { AvanceView, EvidenceView } from './progress.rows';

const AVANCE = 'el avance';

/**
 * Progress reports: a responsible area drafts and submits; the coordinating
 * area approves (the action takes the avance's values) or returns it with a
 * reason. Every step is in the avance's history and, for notices, the outbox.
 */
@Injectable()
export class AvancesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: AvancesRepository,
    private readonly asms: AsmRepository,
    private readonly asmProgress: AsmProgress,
    private readonly policy: Policy,
    private readonly clock: Clock,
  ) {}

  private async facts(db: Db | undefined, actionId: string): Promise<ActionFacts> {
    const f = await this.asms.actionFacts(db, actionId);
    if (!f) throw actionNotFound(actionId);
    return f;
  }

  private assert(actor: Actor, action: PolicyAction, facts: AreaFacts): void {
    const reason = action === 'review' ? 'el ASM no lo coordina ninguna de tus áreas' : 'la acción no está asignada a ninguna de tus áreas';
    this.policy.assert(actor, action, 'Avance', facts, reason);
  }

  private async assertReportable(db: Db, asmId: string): Promise<void> {
    const status = (await this.asmProgress.statusOf(db, asmId))!;
    if (!isReportable(status)) throw asmNotReportable(status);
  }

  async create(actionId: string, dto: CreateAvanceDto, actor: Actor): Promise<AvanceView> {
    return this.uow.run(async (em) => {
      const facts = await this.facts(em, actionId);
      this.assert(actor, 'create', facts);
      await this.assertReportable(em, facts.asmId);
      // The open cut of the action's institution: each institution reports in its own cuts.
      const corte = await this.repo.openCorteOf(em, facts.institutionId);
      if (!corte) throw noOpenCorte();
      const existing = await this.repo.openAvanceOf(em, actionId, corte.id);
      if (existing) throw avanceAlreadyOpen(existing.status, existing.id);
      const row = await this.repo.insert(
        em,
        {
          actionId,
          corteId: corte.id,
          percent: dto.percent,
          observations: dto.observations ?? null,
          proofDocumentName: dto.proofDocumentName ?? null,
          proofDocumentLocation: dto.proofDocumentLocation ?? null,
          decreaseJustification: dto.decreaseJustification ?? null,
          createdBy: actor.id,
        },
        this.step(actor, 'creado'),
      );
      return toView(row);
    });
  }

  async update(id: string, dto: UpdateAvanceDto, actor: Actor): Promise<AvanceView> {
    return this.uow.run(async (em) => {
      const a = await this.lockFor(em, id, dto.version, actor, 'update');
      if (a.status !== 'borrador' && a.status !== 'devuelto') throw avanceState(a.status, 'modificar');
      AvancesService.corteOpen(a);
      const patch: AvancePatch = {
        percent: dto.percent,
        observations: dto.observations,
        proofDocumentName: dto.proofDocumentName,
        proofDocumentLocation: dto.proofDocumentLocation,
        decreaseJustification: dto.decreaseJustification,
      };
      return toView(await this.repo.change(em, id, patch, this.step(actor, 'editado')));
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
      if (a.percent === 100 && (await this.repo.liveEvidenceCount(em, id)) === 0) {
        throw new ValidationFailedError(
          [{ field: 'evidence', message: 'Un avance del 100 % necesita al menos un archivo de evidencia.' }],
          'Para reportar 100 % adjunta al menos un archivo de evidencia (documento probatorio) y vuelve a enviar.',
        );
      }
      const row = await this.repo.change(
        em,
        id,
        { status: 'enviado', submittedAt: this.clock.now(), submittedBy: actor.id },
        this.step(actor, 'enviado', {
          outbox: {
            type: 'avance.enviado',
            payload: { avanceId: id, actionId: a.action_id, asmId: a.asmId, corteId: a.corte_id, percent: a.percent, by: actor.id },
          },
        }),
      );
      return toView(row);
    });
  }

  /**
   * Approval: the action's official % and document fields take the avance's
   * values, and the ASM moves along its status machine (AsmProgress: en
   * proceso on the first approval, concluido in this cut at 100 %).
   */
  async approve(id: string, version: number, actor: Actor): Promise<AvanceView> {
    return this.uow.run(async (em) => {
      const a = await this.lockFor(em, id, version, actor, 'review');
      if (a.status !== 'enviado') throw avanceState(a.status, 'aprobar');
      AvancesService.corteOpen(a);
      AvancesService.reportable(a);
      const asmStatus: AsmStatus = await this.asmProgress.applyApproved(
        em,
        { id: a.asmId, status: a.asmStatus },
        {
          actionId: a.action_id,
          corteId: a.corte_id,
          at: this.clock.now(),
          percent: a.percent,
          observations: a.observations,
          proofDocumentName: a.proofDocumentName,
          proofDocumentLocation: a.proofDocumentLocation,
        },
      );
      const row = await this.repo.change(
        em,
        id,
        { status: 'aprobado', reviewedAt: this.clock.now(), reviewedBy: actor.id, returnReason: null },
        this.step(actor, 'aprobado', {
          outbox: {
            type: 'avance.aprobado',
            payload: { avanceId: id, actionId: a.action_id, asmId: a.asmId, corteId: a.corte_id, percent: a.percent, asmStatus, by: actor.id },
          },
        }),
      );
      return toView(row);
    });
  }

  async returnToArea(id: string, version: number, reason: string, actor: Actor): Promise<AvanceView> {
    return this.uow.run(async (em) => {
      const a = await this.lockFor(em, id, version, actor, 'review');
      if (a.status !== 'enviado') throw avanceState(a.status, 'devolver');
      AvancesService.corteOpen(a);
      const row = await this.repo.change(
        em,
        id,
        { status: 'devuelto', returnReason: reason, reviewedAt: this.clock.now(), reviewedBy: actor.id },
        this.step(actor, 'devuelto', {
          note: reason,
          outbox: { type: 'avance.devuelto', payload: { avanceId: id, actionId: a.action_id, asmId: a.asmId, corteId: a.corte_id, reason, by: actor.id } },
        }),
      );
      return toView(row);
    });
  }

  private step(actor: Actor, event: AvanceStep['event'], extra: Pick<AvanceStep, 'note' | 'outbox'> = {}): AvanceStep {
    return { at: this.clock.now(), actorId: actor.id, event, ...extra };
  }

  /**
   * Locks the avance (and, for a review, its ASM) and holds a share lock on its
   * cut until commit; then checks the permission and the version.
   */
  private async lockFor(db: Db, id: string, version: number, actor: Actor, action: PolicyAction): Promise<LockedAvance> {
    const a = await this.repo.lockForChange(db, id, action === 'review');
    if (!a) throw avanceNotFound(id);
    this.assert(actor, action, a);
    if (a.version !== version) throw new VersionConflictError(AVANCE, a.version);
    return a;
  }

  private static corteOpen(a: LockedAvance): void {
    if (a.corteStatus !== 'abierto') throw corteClosed(monthYearLabel(a.corteMonth, a.corteYear));
  }

  private static reportable(a: LockedAvance): void {
    if (!isReportable(a.asmStatus)) throw asmNotReportable(a.asmStatus);
  }

  async get(id: string, actor: Actor): Promise<AvanceView> {
    const actionId = await this.repo.actionIdOf(id);
    if (!actionId) throw avanceNotFound(id);
    this.assert(actor, 'read', await this.facts(undefined, actionId));
    const view = toView((await this.repo.byId(id))!);
    view.history = await this.repo.history(id);
    return view;
  }

  async list(q: ListAvancesQuery, actor: Actor): Promise<Page<AvanceView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const scope = this.policy.scope(actor, 'read', 'Avance');
    const { rows, total } = await this.repo.page({ status: q.status, corteId: q.corteId, actionId: q.actionId, asmId: q.asmId, scope }, pageSize, offset);
    return { items: rows.map(toView), page, pageSize, total };
  }
}

function toView(r: AvanceRow): AvanceView {
  return { ...r, corte: { id: r.corte.id, label: monthYearLabel(r.corte.month, r.corte.year), status: r.corte.status } };
}
