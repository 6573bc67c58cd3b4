import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, execute, select, selectOne } from '../../database/sql';
import { setsOf } from './asm.repository';

/** What an action states: its text, dates and % (an import reads, compares and writes exactly these). */
export interface ActionContent {
  description: string;
  dueDate: string | null;
  expectedResults: string | null;
  products: string | null;
  percent: number;
  proofDocumentName: string | null;
  proofDocumentLocation: string | null;
  observations: string | null;
}

export interface NewAction extends ActionContent {
  asmId: string;
  position: number;
  /** Set when the action joins an already committed plan: its committed date is its first one. */
  originalDueDate: string | null;
  weight: number | null;
}

/** The fields a PATCH of an action may change (undefined = unchanged, null = cleared). */
export type ActionPatch = Partial<ActionContent & Pick<NewAction, 'weight'>>;

const ACTION_COLUMNS: Record<keyof ActionPatch, string> = {
  description: 'description',
  dueDate: 'due_date',
  expectedResults: 'expected_results',
  products: 'products',
  percent: 'percent',
  proofDocumentName: 'proof_document_name',
  proofDocumentLocation: 'proof_document_location',
  observations: 'observations',
  weight: 'weight',
};

/** An action of a plan as the completeness check reads it. */
export interface PlanRow {
  id: string;
  position: number;
  dueDate: string | null;
  expectedResults: string | null;
  products: string | null;
  areaCount: number;
}

/** What an approved avance writes on its action: the official % and the document fields. */
export interface ApprovedValues {
  percent: number;
  observations: string | null;
  proofDocumentName: string | null;
  proofDocumentLocation: string | null;
}

/** Named statements over actions and action_areas (the asm module's tables). */
@Injectable()
export class ActionsRepository {
  constructor(private readonly ds: DataSource) {}

  async lockAction(db: Db, id: string): Promise<{ id: string; asmId: string; version: number } | undefined> {
    return selectOne<{ id: string; asmId: string; version: number }>(db, `SELECT id, asm_id AS "asmId", version FROM actions WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** The action's official % and fecha de término, locking the row (the caller decides on them in its transaction). */
  async lockDates(db: Db, id: string): Promise<{ dueDate: string | null; percent: number } | undefined> {
    return selectOne<{ dueDate: string | null; percent: number }>(db, `SELECT due_date AS "dueDate", percent FROM actions WHERE id = $1 FOR UPDATE`, [id]);
  }

  async numbers(db: Db | undefined, id: string): Promise<{ percent: number; dueDate: string | null } | undefined> {
    return selectOne<{ percent: number; dueDate: string | null }>(db ?? this.ds, `SELECT percent, due_date AS "dueDate" FROM actions WHERE id = $1`, [id]);
  }

  async nextActionPosition(db: Db, asmId: string): Promise<number> {
    const row = await selectOne<{ n: number }>(db, `SELECT COALESCE(max(position), 0) + 1 AS n FROM actions WHERE asm_id = $1`, [asmId]);
    return Number(row!.n);
  }

  async insertAction(db: Db, a: NewAction): Promise<string> {
    const row = await selectOne<{ id: string }>(
      db,
      `INSERT INTO actions (asm_id, position, description, due_date, original_due_date, expected_results, products, percent,
                            proof_document_name, proof_document_location, observations, weight)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id`,
      [
        a.asmId,
        a.position,
        a.description,
        a.dueDate,
        a.originalDueDate,
        a.expectedResults,
        a.products,
        a.percent,
        a.proofDocumentName,
        a.proofDocumentLocation,
        a.observations,
        a.weight,
      ],
    );
    return row!.id;
  }

  /** Changes the fields of `patch` and bumps the version (the caller holds the ASM's lock). */
  async updateAction(db: Db, id: string, patch: ActionPatch): Promise<void> {
    const sets = setsOf(patch, ACTION_COLUMNS);
    await execute(db, `UPDATE actions SET ${sets.clauses(2)} WHERE id = $1`, [id, ...sets.values]);
  }

  async deleteAction(db: Db, id: string): Promise<void> {
    await execute(db, `DELETE FROM actions WHERE id = $1`, [id]);
  }

  async setActionAreas(db: Db, actionId: string, areaIds: string[]): Promise<void> {
    await execute(db, `DELETE FROM action_areas WHERE action_id = $1`, [actionId]);
    if (areaIds.length === 0) return;
    await execute(
      db,
      `INSERT INTO action_areas (action_id, area_id, position)
       SELECT $1, area_id, ord FROM unnest($2::uuid[]) WITH ORDINALITY AS t(area_id, ord)`,
      [actionId, areaIds],
    );
  }

  /** Actions of an ASM for the plan-completeness check. */
  async planOf(db: Db, asmId: string): Promise<PlanRow[]> {
    return select<PlanRow>(
      db,
      `SELECT ac.id, ac.position, ac.due_date AS "dueDate", ac.expected_results AS "expectedResults", ac.products,
              (SELECT count(*) FROM action_areas aa WHERE aa.action_id = ac.id)::int AS "areaCount"
         FROM actions ac WHERE ac.asm_id = $1 ORDER BY ac.position`,
      [asmId],
    );
  }

  /** At commitment each action's fecha de término becomes its original (committed) one. */
  async fixOriginalDueDates(db: Db, asmId: string): Promise<void> {
    await execute(db, `UPDATE actions SET original_due_date = due_date WHERE asm_id = $1 AND original_due_date IS NULL`, [asmId]);
  }

  async applyApproved(db: Db, actionId: string, v: ApprovedValues): Promise<void> {
    await execute(
      db,
      `UPDATE actions SET percent = $2, observations = $3, proof_document_name = $4, proof_document_location = $5, version = version + 1, updated_at = now() WHERE id = $1`,
      [actionId, v.percent, v.observations, v.proofDocumentName, v.proofDocumentLocation],
    );
  }

  /** How many actions of the ASM are still below 100 %. */
  async pendingCount(db: Db, asmId: string): Promise<number> {
    const row = await selectOne<{ pending: number }>(db, `SELECT count(*) FILTER (WHERE percent < 100)::int AS pending FROM actions WHERE asm_id = $1`, [
      asmId,
    ]);
    return row!.pending;
  }

  /**
   * Moves the fecha de término from `previous` to `requested`, keeping the committed one on record;
   * false (and nothing written) when the action's date is no longer `previous`.
   */
  async extendDueDate(db: Db, actionId: string, previous: string, requested: string): Promise<boolean> {
    const { count } = await execute(
      db,
      `UPDATE actions SET due_date = $2, original_due_date = COALESCE(original_due_date, $3), version = version + 1, updated_at = now()
        WHERE id = $1 AND due_date = $3::date`,
      [actionId, requested, previous],
    );
    return count > 0;
  }
}
