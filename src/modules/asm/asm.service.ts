import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { ErrorDetail, NotFoundError, ValidationFailedError, VersionConflictError } from '../../common/errors/domain-error';
import { Page, pageBounds } from '../../common/http/pagination';
import { foldText } from '../../common/text';
import { SetList } from '../../common/db/set-list';
import { UnitOfWork } from '../../database/unit-of-work';
import { ReferenceCheck } from '../catalog/reference-checker';
import { Actor } from '../identity/actor';
import { AreaFacts, institutionScope, Policy, SubjectName, PolicyAction } from '../identity/policy/policy';
import { ActionNotRemovableError, AsmNotEditableError, AsmPlanIncompleteError, DueDateLockedError, PercentLockedError } from './asm.errors';
import { AreaScope, AsmRepository } from './asm.repository';
import { AsmEvent, isEditable, nextStatus } from './asm-status';
import type { AsmStatus } from './asm.types';
import type { ActionView, AsmView } from './asm.view';
import { CreateActionDto, UpdateActionDto } from './dto/action.dto';
import { CreateAsmDto, ListActionsQuery, ListAsmsQuery, UpdateAsmDto } from './dto/asm.dto';

const ASM = 'el ASM';
const ACTION = 'la acción';

interface LockedAsm {
  id: string;
  status: AsmStatus;
  version: number;
  coordinatingAreaId: string | null;
}

/** Registry of ASMs and their action plans (product.md §2–3). */
@Injectable()
export class AsmService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: AsmRepository,
    private readonly clock: Clock,
    private readonly policy: Policy,
  ) {}

  async get(id: string, actor: Actor): Promise<AsmView> {
    const facts = await this.repo.asmFacts(undefined, id);
    if (!facts) throw new NotFoundError(ASM, 'ASM_NOT_FOUND', id);
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
    if (!facts) throw new NotFoundError(ASM, 'ASM_NOT_FOUND', asmId);
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
      this.policy.assert(actor, 'create', 'Asm', { coordinatingAreaId: dto.coordinatingAreaId, responsibleAreaIds: [] }, 'el área coordinadora no es una de tus áreas');
      await this.checkRecommendation(em, dto.evaluationId ?? null, dto.recommendationId ?? null);
      const [row] = await em.query(
        `INSERT INTO asms (program_id, cycle_id, evaluation_id, recommendation_id, text, classification, priority,
                           improvement_type, topic, coordinating_area_id, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
        [
          dto.programId,
          dto.cycleId,
          dto.evaluationId ?? null,
          dto.recommendationId ?? null,
          dto.text,
          dto.classification,
          dto.priority ?? null,
          dto.improvementType ?? null,
          dto.topic ?? null,
          dto.coordinatingAreaId,
          actor.id,
        ],
      );
      let position = 1;
      for (const action of dto.actions ?? []) await this.insertAction(em, row.id, position++, action, 'borrador');
      await this.repo.refreshSearchText(em, row.id, foldText);
      return row.id as string;
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
        const [cur] = await em.query(`SELECT evaluation_id AS "e", recommendation_id AS "r" FROM asms WHERE id = $1`, [asm.id]);
        await this.checkRecommendation(
          em,
          dto.evaluationId === undefined ? cur.e : dto.evaluationId,
          dto.recommendationId === undefined ? cur.r : dto.recommendationId,
        );
      }
      const sets = new SetList();
      sets.add('program_id', dto.programId);
      sets.add('cycle_id', dto.cycleId);
      sets.add('evaluation_id', dto.evaluationId);
      sets.add('recommendation_id', dto.recommendationId);
      sets.add('text', dto.text);
      sets.add('classification', dto.classification);
      sets.add('priority', dto.priority);
      sets.add('improvement_type', dto.improvementType);
      sets.add('topic', dto.topic);
      sets.add('coordinating_area_id', dto.coordinatingAreaId);
      await this.bumpAsm(em, asm, sets);
      if (dto.text !== undefined) await this.repo.refreshSearchText(em, id, foldText);
    });
    return this.get(id, actor);
  }

  async addAction(asmId: string, dto: CreateActionDto, actor: Actor): Promise<ActionView> {
    const actionId = await this.uow.run(async (em) => {
      const asm = await this.lockAsmOr404(em, asmId);
      this.policy.assert(actor, 'create', 'Action', { coordinatingAreaId: asm.coordinatingAreaId, responsibleAreaIds: dto.responsibleAreaIds ?? [] }, 'el ASM no lo coordina ninguna de tus áreas');
      if (!isEditable(asm.status)) throw new AsmNotEditableError(asm.status);
      await new ReferenceCheck(em).needAll('responsibleAreaIds', 'areas', dto.responsibleAreaIds).verify();
      if (asm.status !== 'borrador') {
        this.assertComplete(
          [{ position: 0, dueDate: dto.dueDate ?? null, expectedResults: dto.expectedResults ?? null, products: dto.products ?? null, areaCount: dto.responsibleAreaIds?.length ?? 0 }],
          '',
        );
        if (dto.percent !== undefined && dto.percent !== 0) throw new PercentLockedError();
      }
      const id = await this.insertAction(em, asmId, await this.repo.nextActionPosition(em, asmId), dto, asm.status);
      await this.repo.refreshSearchText(em, asmId, foldText);
      return id;
    });
    return this.getAction(actionId, actor);
  }

  async getAction(id: string, actor: Actor): Promise<ActionView> {
    const facts = await this.repo.actionFacts(undefined, id);
    if (!facts) throw new NotFoundError(ACTION, 'ACTION_NOT_FOUND', id);
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
      const facts = await this.repo.actionFacts(em, id);
      if (!facts) throw new NotFoundError(ACTION, 'ACTION_NOT_FOUND', id);
      this.policy.assert(actor, 'update', 'Action', facts, 'el ASM de la acción no lo coordina ninguna de tus áreas');
      const asmId = facts.asmId;
      const asm = await this.lockAsmOr404(em, asmId);
      if (!isEditable(asm.status)) throw new AsmNotEditableError(asm.status);
      const action = await this.repo.lockAction(em, id);
      if (!action) throw new NotFoundError(ACTION, 'ACTION_NOT_FOUND', id);
      if (action.version !== dto.version) throw new VersionConflictError(ACTION, action.version);
      await new ReferenceCheck(em).needAll('responsibleAreaIds', 'areas', dto.responsibleAreaIds).verify();
      if (asm.status !== 'borrador') {
        // A committed plan changes its numbers only through the workflow: approved avances and prórrogas.
        const [cur] = await em.query(`SELECT percent, due_date AS "dueDate" FROM actions WHERE id = $1`, [id]);
        if (dto.percent !== undefined && cur.percent !== dto.percent) throw new PercentLockedError();
        if (dto.dueDate !== undefined && cur.dueDate !== dto.dueDate) throw new DueDateLockedError();
      }
      const sets = new SetList();
      sets.add('description', dto.description);
      sets.add('due_date', dto.dueDate);
      sets.add('expected_results', dto.expectedResults);
      sets.add('products', dto.products);
      sets.add('percent', dto.percent);
      sets.add('proof_document_name', dto.proofDocumentName);
      sets.add('proof_document_location', dto.proofDocumentLocation);
      sets.add('observations', dto.observations);
      sets.add('weight', dto.weight);
      const params = [id, ...sets.values];
      await em.query(
        `UPDATE actions SET ${sets.clauses(2)} WHERE id = $1`,
        params,
      );
      if (dto.responsibleAreaIds !== undefined) await this.repo.setActionAreas(em, id, dto.responsibleAreaIds);
      if (asm.status !== 'borrador') this.assertComplete((await this.repo.planOf(em, asmId)).filter((a) => a.id === id), '');
      if (dto.description !== undefined) await this.repo.refreshSearchText(em, asmId, foldText);
    });
    return this.getAction(id, actor);
  }

  async removeAction(id: string, version: number, actor: Actor): Promise<void> {
    await this.uow.run(async (em) => {
      const facts = await this.repo.actionFacts(em, id);
      if (!facts) throw new NotFoundError(ACTION, 'ACTION_NOT_FOUND', id);
      this.policy.assert(actor, 'delete', 'Action', facts, 'el ASM de la acción no lo coordina ninguna de tus áreas');
      const asmId = facts.asmId;
      const asm = await this.lockAsmOr404(em, asmId);
      if (asm.status !== 'borrador') throw new ActionNotRemovableError();
      const action = await this.repo.lockAction(em, id);
      if (!action) throw new NotFoundError(ACTION, 'ACTION_NOT_FOUND', id);
      if (action.version !== version) throw new VersionConflictError(ACTION, action.version);
      await em.query(`DELETE FROM actions WHERE id = $1`, [id]);
      await this.repo.refreshSearchText(em, asmId, foldText);
    });
  }

  /** borrador → comprometido, once the plan is complete; fixes each action's original fecha de término. */
  async commit(id: string, version: number, actor: Actor): Promise<AsmView> {
    await this.uow.run(async (em) => {
      await this.assertOn(em, actor, 'commit', id);
      const asm = await this.lockVersion(em, id, version);
      const to = nextStatus(asm.status, 'commit');
      const plan = await this.repo.planOf(em, id);
      if (plan.length === 0) {
        throw new AsmPlanIncompleteError([{ field: 'actions', message: 'El ASM no tiene acciones; agrega al menos una.' }]);
      }
      if (!asm.coordinatingAreaId) {
        throw new AsmPlanIncompleteError([{ field: 'coordinatingAreaId', message: 'Falta el área coordinadora.' }]);
      }
      this.assertComplete(plan, 'actions');
      await em.query(`UPDATE actions SET original_due_date = due_date WHERE asm_id = $1 AND original_due_date IS NULL`, [id]);
      await this.transition(em, asm, 'commit', to, null);
    });
    return this.get(id, actor);
  }

  async cancel(id: string, version: number, reason: string, actor: Actor): Promise<AsmView> {
    await this.uow.run(async (em) => {
      await this.assertOn(em, actor, 'cancel', id);
      const asm = await this.lockVersion(em, id, version);
      await this.transition(em, asm, 'cancel', nextStatus(asm.status, 'cancel'), reason);
    });
    return this.get(id, actor);
  }

  /** Reopening a concluded ASM is an act of the evaluation unit, with a reason. */
  async reopen(id: string, version: number, reason: string, actor: Actor): Promise<AsmView> {
    await this.uow.run(async (em) => {
      await this.assertOn(em, actor, 'reopen', id);
      const asm = await this.lockVersion(em, id, version);
      await this.transition(em, asm, 'reopen', nextStatus(asm.status, 'reopen'), reason);
    });
    return this.get(id, actor);
  }

  private async transition(em: EntityManager, asm: LockedAsm, event: AsmEvent, to: AsmStatus, reason: string | null): Promise<void> {
    const sets = new SetList();
    sets.add('status', to);
    sets.add('status_reason', reason);
    if (event === 'reopen') sets.add('concluded_at', null);
    await this.bumpAsm(em, asm, sets);
  }

  private async bumpAsm(em: EntityManager, asm: LockedAsm, sets: SetList): Promise<void> {
    await em.query(
      `UPDATE asms SET ${sets.clauses(2)} WHERE id = $1`,
      [asm.id, ...sets.values],
    );
  }

  private assertComplete(
    plan: { position: number; dueDate: string | null; expectedResults: string | null; products: string | null; areaCount: number }[],
    prefix: string,
  ): void {
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
    const [row] = await em.query(
      `INSERT INTO actions (asm_id, position, description, due_date, original_due_date, expected_results, products, percent,
                            proof_document_name, proof_document_location, observations, weight)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`,
      [
        asmId,
        position,
        a.description,
        a.dueDate ?? null,
        committed ? (a.dueDate ?? null) : null,
        a.expectedResults ?? null,
        a.products ?? null,
        a.percent ?? 0,
        a.proofDocumentName ?? null,
        a.proofDocumentLocation ?? null,
        a.observations ?? null,
        a.weight ?? null,
      ],
    );
    await this.repo.setActionAreas(em, row.id, a.responsibleAreaIds ?? []);
    return row.id;
  }

  private async checkRecommendation(em: EntityManager, evaluationId: string | null, recommendationId: string | null): Promise<void> {
    if (!recommendationId) return;
    const [rec] = await em.query(`SELECT evaluation_id AS "evaluationId" FROM recommendations WHERE id = $1`, [recommendationId]);
    if (rec && rec.evaluationId !== evaluationId) {
      throw new ValidationFailedError([
        { field: 'recommendationId', message: 'La recomendación no pertenece a la evaluación indicada; indica la evaluación de la que proviene.' },
      ]);
    }
  }

  private async lockAsmOr404(em: EntityManager, id: string): Promise<LockedAsm> {
    const asm = await this.repo.lockAsm(em, id);
    if (!asm) throw new NotFoundError(ASM, 'ASM_NOT_FOUND', id);
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
