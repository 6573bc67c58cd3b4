import { Injectable } from '@nestjs/common';
import { Db, execute, insertAll, insertMissing, select, selectOne } from '../../database/sql';
import type { ActionContent } from './actions.repository';
import type { AsmStatus, Classification, ImprovementType, Priority } from './asm.types';

/** The values SHCP's open data published for an ASM, kept as published. */
export interface PublishedValues {
  acronym: string;
  improvementTypes: string[];
  federalizedSpending: string | null;
  avance: string | null;
}

/** The fields of an ASM an import writes. */
export interface ImportedAsmFields {
  text: string;
  priority: Priority | null;
  improvementType: ImprovementType | null;
  topic: string | null;
  coordinatingAreaId: string | null;
  status: AsmStatus;
  statusReason: string | null;
  concludedCorteId: string | null;
  evaluationId: string | null;
  /** The folded text the search reads. */
  searchText: string;
}

/** A new ASM from an import (its id chosen by the importer, so its actions can name it in the same statement batch). */
export interface NewImportedAsm extends ImportedAsmFields {
  id: string;
  externalId: string | null;
  programId: string;
  cycleId: string;
  classification: Classification;
  published: PublishedValues | undefined;
}

/** The fields of an action an import writes. */
export interface ImportedActionFields extends ActionContent {
  /** The folded description the search reads. */
  searchText: string;
}

export interface NewImportedAction extends ImportedActionFields {
  id: string;
  asmId: string;
  position: number;
}

/** An ASM of the programs and cycles a file names, with what identifies it to an import. */
export interface AsmIdentityRow {
  id: string;
  programId: string;
  cycleId: string;
  classification: Classification;
  text: string;
  externalId: string | null;
}

/** An action as an import compares it: its fields and its responsible areas in order. */
export interface ImportedActionState extends ActionContent {
  id: string;
  areaIds: string[];
}

/** An ASM as an import compares it, with its actions in order. */
export interface ImportedAsmState extends Omit<ImportedAsmFields, 'searchText'> {
  id: string;
  publishedAcronym: string | null;
  publishedImprovementTypes: string[] | null;
  publishedFederalizedSpending: string | null;
  publishedAvance: number | null;
  actions: ImportedActionState[];
}

/**
 * A new imported action's values for the columns description, due_date, original_due_date, expected_results,
 * products, percent, proof_document_name, proof_document_location, observations, search_text (its first due date is its due date).
 */
function newActionValues(x: ImportedActionFields): unknown[] {
  return [
    x.description,
    x.dueDate,
    x.dueDate,
    x.expectedResults,
    x.products,
    x.percent,
    x.proofDocumentName,
    x.proofDocumentLocation,
    x.observations,
    x.searchText,
  ];
}

/**
 * The asm module's API for imports (docs/decisions/0011-importers.md): the
 * statements that create ASMs, actions and their areas in bulk, and bring a
 * matched ASM to the imported values, in the importer's transaction (`db`).
 * Which ASM a row matches and whether it changed is the importer's rule.
 */
@Injectable()
export class AsmImportRepository {
  /** ASM ids by the publisher's id (SHCP's ID_ASM). */
  idsByExternalId(db: Db, externalIds: string[]): Promise<{ externalId: string; id: string }[]> {
    return select<{ externalId: string; id: string }>(db, `SELECT external_id AS "externalId", id FROM asms WHERE external_id = ANY($1)`, [externalIds]);
  }

  /** Every ASM of these (program, cycle) pairs, in the order they were registered. */
  inProgramCycles(db: Db, pairs: { programId: string; cycleId: string }[]): Promise<AsmIdentityRow[]> {
    return select<AsmIdentityRow>(
      db,
      `SELECT a.id, a.program_id AS "programId", a.cycle_id AS "cycleId", a.classification, a.text, a.external_id AS "externalId" FROM asms a
         JOIN unnest($1::uuid[], $2::uuid[]) AS t(p, c) ON a.program_id = t.p AND a.cycle_id = t.c ORDER BY a.seq`,
      [pairs.map((p) => p.programId), pairs.map((p) => p.cycleId)],
    );
  }

  /** What these ASMs hold now, with their actions, in one statement. */
  states(db: Db, ids: string[]): Promise<ImportedAsmState[]> {
    return select<ImportedAsmState>(
      db,
      `SELECT a.id, a.text, a.priority, a.improvement_type AS "improvementType", a.topic, a.coordinating_area_id AS "coordinatingAreaId", a.status,
              a.status_reason AS "statusReason", a.concluded_corte_id AS "concludedCorteId", a.evaluation_id AS "evaluationId",
              a.published_acronym AS "publishedAcronym", a.published_improvement_types AS "publishedImprovementTypes",
              a.published_federalized_spending AS "publishedFederalizedSpending", a.published_avance::float8 AS "publishedAvance",
              COALESCE(json_agg(json_build_object('id', x.id, 'description', x.description, 'dueDate', x.due_date, 'expectedResults', x.expected_results,
                'products', x.products, 'percent', x.percent, 'proofDocumentName', x.proof_document_name,
                'proofDocumentLocation', x.proof_document_location, 'observations', x.observations,
                'areaIds', (SELECT COALESCE(array_agg(aa.area_id ORDER BY aa.position), '{}') FROM action_areas aa WHERE aa.action_id = x.id))
                ORDER BY x.position) FILTER (WHERE x.id IS NOT NULL), '[]') AS actions
         FROM asms a LEFT JOIN actions x ON x.asm_id = a.id WHERE a.id = ANY($1::uuid[]) GROUP BY a.id`,
      [ids],
    );
  }

  /** Creates ASMs (a concluded one is concluded now, in the cut the file names). */
  /**
   * Sets an ASM to the state it had at a past cut (concluded in that cut, or in progress) without
   * replaying the approvals that took it there: history brought in whole (the demo's sample).
   */
  async recordHistoricalState(db: Db, asmId: string, concluded: boolean, corteId: string, concludedAt: string): Promise<void> {
    await execute(
      db,
      `UPDATE asms SET status = $2, concluded_at = CASE WHEN $3 THEN $5::timestamptz END,
              concluded_corte_id = CASE WHEN $3 THEN $4::uuid END, version = version + 1 WHERE id = $1`,
      [asmId, concluded ? 'concluido' : 'en_proceso', concluded, corteId, concludedAt],
    );
  }

  async insertAsms(db: Db, asms: NewImportedAsm[]): Promise<void> {
    await execute(
      db,
      `INSERT INTO asms (id, external_id, program_id, cycle_id, evaluation_id, text, classification, priority, improvement_type, topic,
                         coordinating_area_id, status, status_reason, concluded_at, concluded_corte_id, search_text,
                         published_acronym, published_improvement_types, published_federalized_spending, published_avance)
       SELECT t.id, t.ext, t.p, t.c, t.e, t.txt, t.cl, t.pr, t.it, t.tp, t.ca, t.st, t.sr,
              CASE WHEN t.st = 'concluido' THEN now() END, t.cc, t.search,
              t.pa, CASE WHEN t.pi IS NULL THEN NULL ELSE ARRAY(SELECT json_array_elements_text(t.pi)) END, t.pf, t.pv
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                     $11::uuid[], $12::text[], $13::text[], $14::uuid[], $15::text[], $16::text[], $17::json[], $18::text[], $19::numeric[])
           AS t(id, ext, p, c, e, txt, cl, pr, it, tp, ca, st, sr, cc, search, pa, pi, pf, pv)`,
      [
        asms.map((x) => x.id),
        asms.map((x) => x.externalId),
        asms.map((x) => x.programId),
        asms.map((x) => x.cycleId),
        asms.map((x) => x.evaluationId),
        asms.map((x) => x.text),
        asms.map((x) => x.classification),
        asms.map((x) => x.priority),
        asms.map((x) => x.improvementType),
        asms.map((x) => x.topic),
        asms.map((x) => x.coordinatingAreaId),
        asms.map((x) => x.status),
        asms.map((x) => x.statusReason),
        asms.map((x) => x.concludedCorteId),
        asms.map((x) => x.searchText),
        asms.map((x) => x.published?.acronym ?? null),
        asms.map((x) => (x.published ? JSON.stringify(x.published.improvementTypes) : null)),
        asms.map((x) => x.published?.federalizedSpending ?? null),
        asms.map((x) => x.published?.avance ?? null),
      ],
    );
  }

  /** Creates actions; the original due date is the due date. */
  async insertActions(db: Db, actions: NewImportedAction[]): Promise<void> {
    await insertAll(
      db,
      `actions (id uuid, asm_id uuid, position int, description text, due_date date, original_due_date date, expected_results text, products text,
                percent int, proof_document_name text, proof_document_location text, observations text, search_text text)`,
      actions,
      (x) => [x.id, x.asmId, x.position, ...newActionValues(x)],
    );
  }

  /** Assigns responsible areas to new actions (`position`: the area's place in the action's list, from 1). */
  async insertActionAreas(db: Db, links: { actionId: string; areaId: string; position: number }[]): Promise<void> {
    await insertMissing(db, 'action_areas (action_id uuid, area_id uuid, position smallint)', null, links, (l) => [l.actionId, l.areaId, l.position]);
  }

  /** Brings an ASM to the imported values (a new version). */
  async updateAsm(db: Db, id: string, f: ImportedAsmFields): Promise<void> {
    await execute(
      db,
      `UPDATE asms SET text = $2, priority = $3, improvement_type = $4, topic = $5, coordinating_area_id = $6, status = $7, status_reason = $8,
              concluded_corte_id = $9, evaluation_id = $10, search_text = $11, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, f.text, f.priority, f.improvementType, f.topic, f.coordinatingAreaId, f.status, f.statusReason, f.concludedCorteId, f.evaluationId, f.searchText],
    );
  }

  async updatePublished(db: Db, id: string, p: PublishedValues): Promise<void> {
    await execute(
      db,
      `UPDATE asms SET published_acronym = $2, published_improvement_types = $3, published_federalized_spending = $4, published_avance = $5 WHERE id = $1`,
      [id, p.acronym, p.improvementTypes, p.federalizedSpending, p.avance],
    );
  }

  /** Brings an action to the imported values (a new version); its original due date stays. */
  async updateAction(db: Db, id: string, x: ImportedActionFields): Promise<void> {
    await execute(
      db,
      `UPDATE actions SET description = $2, due_date = $3, expected_results = $4, products = $5, percent = $6, proof_document_name = $7,
              proof_document_location = $8, observations = $9, search_text = $10, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, x.description, x.dueDate, x.expectedResults, x.products, x.percent, x.proofDocumentName, x.proofDocumentLocation, x.observations, x.searchText],
    );
  }

  /** Adds an action at `position` of an ASM; returns its id. */
  async insertAction(db: Db, asmId: string, position: number, x: ImportedActionFields): Promise<string> {
    const row = await selectOne<{ id: string }>(
      db,
      `INSERT INTO actions (asm_id, position, description, due_date, original_due_date, expected_results, products, percent, proof_document_name,
                            proof_document_location, observations, search_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [asmId, position, ...newActionValues(x)],
    );
    return row!.id;
  }

  /** Replaces an action's responsible areas by these, in this order. */
  async replaceActionAreas(db: Db, actionId: string, areaIds: string[]): Promise<void> {
    await execute(db, `DELETE FROM action_areas WHERE action_id = $1`, [actionId]);
    await this.setActionAreas(db, actionId, areaIds);
  }

  /** Assigns the responsible areas of an action that has none yet, in this order. */
  async setActionAreas(db: Db, actionId: string, areaIds: string[]): Promise<void> {
    await execute(db, `INSERT INTO action_areas (action_id, area_id, position) SELECT $1, a, o FROM unnest($2::uuid[]) WITH ORDINALITY AS t(a, o)`, [
      actionId,
      areaIds,
    ]);
  }
}
