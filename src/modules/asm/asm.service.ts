import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { ErrorDetail, ValidationFailedError, VersionConflictError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { foldText } from '../../common/text';
import { UnitOfWork } from '../../database/unit-of-work';
import { ReferenceCheck } from '../catalog/reference-checker';
import { Actor } from '../identity/actor';
import { AreaFacts, institutionScope, Policy, SubjectName, PolicyAction } from '../identity/policy/policy';
import { ActionsRepository, PlanRow } from './actions.repository';
import {
  actionNotFound,
  ActionNotRemovableError,
  asmNotFound,
  AsmNotEditableError,
  AsmPlanIncompleteError,
  DueDateLockedError,
  PercentLockedError,
} from './asm.errors';
import { AreaScope, AsmRepository, LockedAsm } from './asm.repository';
import { AsmEvent, isEditable, nextStatus } from './asm-status';
import type { AsmStatus } from './asm.types';
import type { ActionView, AsmView } from './asm.view';
import { CreateActionDto, UpdateActionDto } from './dto/action.dto';
import { CreateAsmDto, ListActionsQuery, ListAsmsQuery, UpdateAsmDto } from './dto/asm.dto';

const ASM = 'el ASM';
const ACTION = 'la acción';

/** Registry of ASMs and their action plans (product.md §2–3). */
@Injectable()
export class AsmService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: AsmRepository,
    private readonly actions: ActionsRepository,
    private readonly clock: Clock,
    private readonly policy: Policy,
  ) {}

  async get(id: string, actor: Actor): Promise<AsmView> {
    const facts = await this.repo.asmFacts(undefined, id);
    if (!facts) throw asmNotFound(id);
    this.policy.assert(actor, 'read', 'Asm', facts, 'no pertenece a ninguna de tus áreas');
    const [view] = await this.repo.views([id], this.clock.today());
    return this.visibleTo(actor, view);
  }

  /** A reader who may see the ASM but not every action of it (a responsible area) sees only its own actions. */
  private visibleTo(actor: Actor, view: AsmView): AsmView {
    const coordinatingAreaId = view.coordinatingArea?.id ?? null;
    const actions = view.actions.filter((a) =>
      this.policy.can(actor, 'read', 'Action', { coordinatingAreaId, responsibleAreaIds: a.responsibleAreas.map((r) => r.id) }),
    );
    return actions.length === view.actions.length ? view : { ...view, actions };
  }

  private scope(actor: Actor, action: PolicyAction, subject: SubjectName): AreaScope | undefined {
    const s = this.policy.scope(actor, action, subject);
    return s.all ? undefined : s;
  }

  private async assertOn(em: EntityManager, actor: Actor, action: PolicyAction, asmId: string, extra?: Partial<AreaFacts>): Promise<void> {
    const facts = await this.repo.asmFacts(em, asmId);
    if (!facts) throw asmNotFound(asmId);
    this.policy.assert(actor, action, 'Asm', facts, 'el ASM no lo coordina ninguna de tus áreas');
    if (extra) this.policy.assert(actor, action, 'Asm', { ...facts, ...extra }, 'la nueva área coordinadora no es una de tus áreas');
  }

  async list(q: ListAsmsQuery, actor: Actor): Promise<Page<AsmView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const today = this.clock.today();
    const { ids, total } = await this.repo.listAsmIds(
      {
        programId: q.programId,
        cycleId: q.cycleId,
        classification: q.classification,
        priority: q.priority,
        status: q.status,
        coordinatingAreaId: q.coordinatingAreaId,
        responsibleAreaId: q.responsibleAreaId,
        overdue: q.overdue,
        q: q.q ? foldText(q.q) : undefined,
        scope: this.scope(actor, 'read', 'Asm'),
        actionScope: this.scope(actor, 'read', 'Action'),
        institutionId: institutionScope(actor, 'read'),
      },
      today,
      pageSize,
      offset,
    );
    const items = (await this.repo.views(ids, today)).map((v) => this.visibleTo(actor, v));
    return { items, page, pageSize, total };
  }

  async create(dto: CreateAsmDto, actor: Actor): Promise<AsmView> {
    const id = await this.uow.run(async (em) => {
      const check = new ReferenceCheck(em)
        .need('programId', 'programs', dto.programId)
        .need('cycleId', 'cycles', dto.cycleId)
        .need('coordinatingAreaId', 'areas', dto.coordinatingAreaId)
        .need('evaluationId', 'evaluations', dto.evaluationId)
        .need('recommendationId', 'recommendations', dto.recommendationId);
      dto.actions?.forEach((a, i) => check.needAll(`actions[${i}].responsibleAreaIds`, 'areas', a.responsibleAreaIds));
      await check.verify();
      this.policy.assert(
        actor,
        'create',
        'Asm',
        { coordinatingAreaId: dto.coordinatingAreaId, responsibleAreaIds: [] },
        'el área coordinadora no es una de tus áreas',
      );
      await this.checkRecommendation(em, dto.evaluationId ?? null, dto.recommendationId ?? null);
      const asmId = await this.repo.insertAsm(em, {
        programId: dto.programId,
        cycleId: dto.cycleId,
        evaluationId: dto.evaluationId ?? null,
        recommendationId: dto.recommendationId ?? null,
        text: dto.text,
        classification: dto.classification,
        priority: dto.priority ?? null,
        improvementType: dto.improvementType ?? null,
        topic: dto.topic ?? null,
        coordinatingAreaId: dto.coordinatingAreaId,
        createdBy: actor.id,
      });
      let position = 1;
      for (const action of dto.actions ?? []) await this.insertAction(em, asmId, position++, action, 'borrador');
      await this.repo.refreshSearchText(em, asmId, foldText);
      return asmId;
    });
    return this.get(id, actor);
  }

  async update(id: string, dto: UpdateAsmDto, actor: Actor): Promise<AsmView> {
    await this.uow.run(async (em) => {
      await this.assertOn(em, actor, 'update', id);
      const asm = await this.lockForEdit(em, id, dto.version);
      await new ReferenceCheck(em)
        .need('programId', 'programs', dto.programId)
        .need('cycleId', 'cycles', dto.cycleId)
        .need('coordinatingAreaId', 'areas', dto.coordinatingAreaId)
        .need('evaluationId', 'evaluations', dto.evaluationId)
        .need('recommendationId', 'recommendations', dto.recommendationId)
        .verify();
      if (dto.coordinatingAreaId) await this.assertOn(em, actor, 'update', id, { coordinatingAreaId: dto.coordinatingAreaId });
      if (dto.recommendationId !== undefined || dto.evaluationId !== undefined) {
        const cur = await this.repo.origin(em, asm.id);
        await this.checkRecommendation(
          em,
          dto.evaluationId === undefined ? cur.evaluationId : dto.evaluationId,
          dto.recommendationId === undefined ? cur.recommendationId : dto.recommendationId,
        );
      }
      await this.repo.updateAsm(em, asm.id, {
        programId: dto.programId,
        cycleId: dto.cycleId,
        evaluationId: dto.evaluationId,
        recommendationId: dto.recommendationId,
        text: dto.text,
        classification: dto.classification,
        priority: dto.priority,
        improvementType: dto.improvementType,
        topic: dto.topic,
        coordinatingAreaId: dto.coordinatingAreaId,
      });
      if (dto.text !== undefined) await this.repo.refreshSearchText(em, id, foldText);
    });
    return this.get(id, actor);
  }

  async addAction(asmId: string, dto: CreateActionDto, actor: Actor): Promise<ActionView> {
    const actionId = await this.uow.run(async (em) => {
      const asm = await this.lockAsmOr404(em, asmId);
      this.policy.assert(
        actor,
        'create',
        'Action',
        { coordinatingAreaId: asm.coordinatingAreaId, responsibleAreaIds: dto.responsibleAreaIds ?? [] },
        'el ASM no lo coordina ninguna de tus áreas',
      );
      if (!isEditable(asm.status)) throw new AsmNotEditableError(asm.status);
      await new ReferenceCheck(em).needAll('responsibleAreaIds', 'areas', dto.responsibleAreaIds).verify();
      if (asm.status !== 'borrador') {
        this.assertComplete(
          [
            {
              position: 0,
              dueDate: dto.dueDate ?? null,
              expectedResults: dto.expectedResults ?? null,
              products: dto.products ?? null,
              areaCount: dto.responsibleAreaIds?.length ?? 0,
            },
          ],
          '',
        );
        if (dto.percent !== undefined && dto.percent !== 0) throw new PercentLockedError();
      }
      const id = await this.insertAction(em, asmId, await this.actions.nextActionPosition(em, asmId), dto, asm.status);
      await this.repo.refreshSearchText(em, asmId, foldText);
      return id;
    });
    return this.getAction(actionId, actor);
  }

  async getAction(id: string, actor: Actor): Promise<ActionView> {
    const facts = await this.repo.actionFacts(undefined, id);
    if (!facts) throw actionNotFound(id);
    this.policy.assert(actor, 'read', 'Action', facts, 'la acción no está asignada a ninguna de tus áreas');
    return (await this.repo.actionView(id, this.clock.today()))!;
  }

  async listActions(q: ListActionsQuery, actor: Actor): Promise<Page<ActionView>> {
    const { page, pageSize, offset } = pageBounds(q);
    const { items, total } = await this.repo.listActions(
      {
        responsibleAreaId: q.responsibleAreaId,
        asmId: q.asmId,
        overdue: q.overdue,
        scope: this.scope(actor, 'read', 'Action'),
        institutionId: institutionScope(actor, 'read'),
      },
      this.clock.today(),
      pageSize,
      offset,
    );
    return { items, page, pageSize, total };
  }

  async updateAction(id: string, dto: UpdateActionDto, actor: Actor): Promise<ActionView> {
    await this.uow.run(async (em) => {
      const asm = await this.lockAsmOfAction(em, actor, 'update', id);
      const asmId = asm.id;
      if (!isEditable(asm.status)) throw new AsmNotEditableError(asm.status);
      await this.lockActionVersion(em, id, dto.version);
      await new ReferenceCheck(em).needAll('responsibleAreaIds', 'areas', dto.responsibleAreaIds).verify();
      if (asm.status !== 'borrador') {
        // A committed plan changes its numbers only through the workflow: approved avances and prórrogas.
        const cur = (await this.actions.numbers(em, id))!;
        if (dto.percent !== undefined && cur.percent !== dto.percent) throw new PercentLockedError();
        if (dto.dueDate !== undefined && cur.dueDate !== dto.dueDate) throw new DueDateLockedError();
      }
      await this.actions.updateAction(em, id, {
        description: dto.description,
        dueDate: dto.dueDate,
        expectedResults: dto.expectedResults,
        products: dto.products,
        percent: dto.percent,
        proofDocumentName: dto.proofDocumentName,
        proofDocumentLocation: dto.proofDocumentLocation,
        observations: dto.observations,
        weight: dto.weight,
      });
      if (dto.responsibleAreaIds !== undefined) await this.actions.setActionAreas(em, id, dto.responsibleAreaIds);
      if (asm.status !== 'borrador')
        this.assertComplete(
          (await this.actions.planOf(em, asmId)).filter((a) => a.id === id),
          '',
        );
      if (dto.description !== undefined) await this.repo.refreshSearchText(em, asmId, foldText);
    });
    return this.getAction(id, actor);
  }

  async removeAction(id: string, version: number, actor: Actor): Promise<void> {
    await this.uow.run(async (em) => {
      const asm = await this.lockAsmOfAction(em, actor, 'delete', id);
      if (asm.status !== 'borrador') throw new ActionNotRemovableError();
      await this.lockActionVersion(em, id, version);
      await this.actions.deleteAction(em, id);
      await this.repo.refreshSearchText(em, asm.id, foldText);
    });
  }

  /** borrador → comprometido, once the plan is complete; fixes each action's original fecha de término. */
  async commit(id: string, version: number, actor: Actor): Promise<AsmView> {
    await this.uow.run(async (em) => {
      await this.assertOn(em, actor, 'commit', id);
      const asm = await this.lockVersion(em, id, version);
      const to = nextStatus(asm.status, 'commit');
      const plan = await this.actions.planOf(em, id);
      if (plan.length === 0) {
        throw new AsmPlanIncompleteError([{ field: 'actions', message: 'El ASM no tiene acciones; agrega al menos una.' }]);
      }
      if (!asm.coordinatingAreaId) {
        throw new AsmPlanIncompleteError([{ field: 'coordinatingAreaId', message: 'Falta el área coordinadora.' }]);
      }
      this.assertComplete(plan, 'actions');
      await this.actions.fixOriginalDueDates(em, id);
      await this.transition(em, asm, 'commit', to, null);
    });
    return this.get(id, actor);
  }

  cancel(id: string, version: number, reason: string, actor: Actor): Promise<AsmView> {
    return this.transitionWithReason(id, version, 'cancel', reason, actor);
  }

  /** Reopening a concluded ASM is an act of the evaluation unit, with a reason. */
  reopen(id: string, version: number, reason: string, actor: Actor): Promise<AsmView> {
    return this.transitionWithReason(id, version, 'reopen', reason, actor);
  }

  private async transitionWithReason(id: string, version: number, event: 'cancel' | 'reopen', reason: string, actor: Actor): Promise<AsmView> {
    await this.uow.run(async (em) => {
      await this.assertOn(em, actor, event, id);
      const asm = await this.lockVersion(em, id, version);
      await this.transition(em, asm, event, nextStatus(asm.status, event), reason);
    });
    return this.get(id, actor);
  }

  private async transition(em: EntityManager, asm: LockedAsm, event: AsmEvent, to: AsmStatus, reason: string | null): Promise<void> {
    await this.repo.setStatus(em, asm.id, to, reason, event === 'reopen');
  }

  private assertComplete(plan: Omit<PlanRow, 'id'>[], prefix: string): void {
    const details: ErrorDetail[] = [];
    plan.forEach((a, i) => {
      const at = prefix ? `${prefix}[${i}].` : '';
      const which = prefix ? `La acción ${a.position}` : 'La acción';
      if (a.areaCount === 0) details.push({ field: `${at}responsibleAreaIds`, message: `${which} no tiene áreas responsables.` });
      if (!a.dueDate) details.push({ field: `${at}dueDate`, message: `${which} no tiene fecha de término.` });
      if (!a.expectedResults) details.push({ field: `${at}expectedResults`, message: `${which} no tiene resultados esperados.` });
      if (!a.products) details.push({ field: `${at}products`, message: `${which} no tiene productos y/o evidencias.` });
    });
    if (details.length) throw new AsmPlanIncompleteError(details);
  }

  private async insertAction(em: EntityManager, asmId: string, position: number, a: CreateActionDto, asmStatus: AsmStatus): Promise<string> {
    const committed = asmStatus !== 'borrador';
    const id = await this.actions.insertAction(em, {
      asmId,
      position,
      description: a.description,
      dueDate: a.dueDate ?? null,
      originalDueDate: committed ? (a.dueDate ?? null) : null,
      expectedResults: a.expectedResults ?? null,
      products: a.products ?? null,
      percent: a.percent ?? 0,
      proofDocumentName: a.proofDocumentName ?? null,
      proofDocumentLocation: a.proofDocumentLocation ?? null,
      observations: a.observations ?? null,
      weight: a.weight ?? null,
    });
    await this.actions.setActionAreas(em, id, a.responsibleAreaIds ?? []);
    return id;
  }

  private async checkRecommendation(em: EntityManager, evaluationId: string | null, recommendationId: string | null): Promise<void> {
    if (!recommendationId) return;
    const rec = await this.repo.recommendationEvaluation(em, recommendationId);
    if (rec && rec.evaluationId !== evaluationId) {
      throw new ValidationFailedError([
        { field: 'recommendationId', message: 'La recomendación no pertenece a la evaluación indicada; indica la evaluación de la que proviene.' },
      ]);
    }
  }

  /** Checks that the actor may change the action, then locks its ASM (a writer locks the ASM before its actions). */
  private async lockAsmOfAction(em: EntityManager, actor: Actor, action: 'update' | 'delete', id: string): Promise<LockedAsm> {
    const facts = await this.repo.actionFacts(em, id);
    if (!facts) throw actionNotFound(id);
    this.policy.assert(actor, action, 'Action', facts, 'el ASM de la acción no lo coordina ninguna de tus áreas');
    return this.lockAsmOr404(em, facts.asmId);
  }

  /** Locks the action, which must still be at the version the caller read. */
  private async lockActionVersion(em: EntityManager, id: string, version: number): Promise<void> {
    const action = await this.actions.lockAction(em, id);
    if (!action) throw actionNotFound(id);
    if (action.version !== version) throw new VersionConflictError(ACTION, action.version);
  }

  private async lockAsmOr404(em: EntityManager, id: string): Promise<LockedAsm> {
    const asm = await this.repo.lockAsm(em, id);
    if (!asm) throw asmNotFound(id);
    return asm;
  }

  private async lockVersion(em: EntityManager, id: string, version: number): Promise<LockedAsm> {
    const asm = await this.lockAsmOr404(em, id);
    if (asm.version !== version) throw new VersionConflictError(ASM, asm.version);
    return asm;
  }

  private async lockForEdit(em: EntityManager, id: string, version: number): Promise<LockedAsm> {
    const asm = await this.lockVersion(em, id, version);
    if (!isEditable(asm.status)) throw new AsmNotEditableError(asm.status);
    return asm;
  }
}
