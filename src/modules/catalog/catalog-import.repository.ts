import { Injectable } from '@nestjs/common';
import { Db, execute, insertMissing, select } from '../../database/sql';

/** A program as a file names it: its natural key (ramo, modality, code), its institution and name. */
export interface ImportedProgram {
  institutionId: string | undefined;
  ramoCode: string;
  modality: string;
  code: string;
  name: string;
}

export interface ImportedProgramName {
  programId: string;
  name: string;
  /** 'YYYY-MM-DD'; '1900-01-01' for the name held since always. */
  validFrom: string;
}

export interface ImportedEvaluation {
  externalId: string;
  title: string;
  type: string;
  paeYear: number | null;
  instance: string;
}

/** A natural key and the id of the catalog row that holds it. */
export interface KeyedId {
  key: string;
  id: string;
}

/**
 * The catalog rows an import creates, in bulk and idempotently: every insert
 * leaves a row that already holds the natural key as it is (ON CONFLICT DO
 * NOTHING) and answers how many rows were new. Each method runs in the
 * importer's transaction (`db`).
 */
@Injectable()
export class CatalogImportRepository {
  insertRamos(db: Db, ramos: { code: string; name: string }[]): Promise<number> {
    return insertMissing(db, 'ramos (code text, name text)', 'code', ramos, (r) => [r.code, r.name]);
  }

  insertInstitutions(db: Db, institutions: { acronym: string; name: string }[]): Promise<number> {
    return insertMissing(db, 'institutions (acronym text, name text)', 'acronym', institutions, (i) => [i.acronym, i.name]);
  }

  /** Institution ids by acronym. */
  institutionIds(db: Db, acronyms: string[]): Promise<KeyedId[]> {
    return select<KeyedId>(db, `SELECT acronym AS key, id FROM institutions WHERE acronym = ANY($1)`, [acronyms]);
  }

  insertPrograms(db: Db, programs: ImportedProgram[]): Promise<number> {
    return insertMissing(
      db,
      'programs (institution_id uuid, ramo_code text, modality text, code text, name text)',
      'ramo_code, modality, code',
      programs,
      (p) => [p.institutionId, p.ramoCode, p.modality, p.code, p.name],
    );
  }

  /** Program ids keyed 'ramo|modality|code'. */
  programIds(db: Db, keys: { ramoCode: string; modality: string; code: string }[]): Promise<KeyedId[]> {
    return select<KeyedId>(
      db,
      `SELECT p.ramo_code || '|' || p.modality || '|' || p.code AS key, p.id FROM programs p
         JOIN unnest($1::text[], $2::text[], $3::text[]) AS t(r, m, c) ON p.ramo_code = t.r AND p.modality = t.m AND p.code = t.c`,
      [keys.map((p) => p.ramoCode), keys.map((p) => p.modality), keys.map((p) => p.code)],
    );
  }

  /** The institution of each program, keyed by program id. */
  programInstitutions(db: Db, programIds: string[]): Promise<KeyedId[]> {
    return select<KeyedId>(db, `SELECT id AS key, institution_id AS id FROM programs WHERE id = ANY($1::uuid[])`, [programIds]);
  }

  /**
   * Adds names to the programs' name history: a name the program already
   * carried is not added again, nor a name from a date that already has one.
   */
  async insertProgramNames(db: Db, names: ImportedProgramName[]): Promise<void> {
    await execute(
      db,
      `INSERT INTO program_names (program_id, name, valid_from)
       SELECT t.p, t.n, t.v FROM unnest($1::uuid[], $2::text[], $3::date[]) AS t(p, n, v)
        WHERE NOT EXISTS (SELECT 1 FROM program_names x WHERE x.program_id = t.p AND x.name = t.n)
       ON CONFLICT (program_id, valid_from) DO NOTHING`,
      [names.map((n) => n.programId), names.map((n) => n.name), names.map((n) => n.validFrom)],
    );
  }

  /** Cycles by label ('2021-2022'); the start year is the label's first year. */
  async insertCycles(db: Db, labels: string[]): Promise<number> {
    if (labels.length === 0) return 0;
    const { count } = await execute(
      db,
      `INSERT INTO cycles (label, start_year) SELECT l, split_part(l, '-', 1)::int FROM unnest($1::text[]) AS t(l) ON CONFLICT (label) DO NOTHING`,
      [labels],
    );
    return count;
  }

  /** Cycle ids by label. */
  cycleIds(db: Db, labels: string[]): Promise<KeyedId[]> {
    return select<KeyedId>(db, `SELECT label AS key, id FROM cycles WHERE label = ANY($1)`, [labels]);
  }

  /** Areas by name key (the name folded, see nameKey). */
  insertAreas(db: Db, areas: { name: string; nameKey: string }[]): Promise<number> {
    return insertMissing(db, 'areas (name text, name_key text)', 'name_key', areas, (a) => [a.name, a.nameKey]);
  }

  /** Area ids by name key. */
  areaIds(db: Db, nameKeys: string[]): Promise<KeyedId[]> {
    return select<KeyedId>(db, `SELECT name_key AS key, id FROM areas WHERE name_key = ANY($1)`, [nameKeys]);
  }

  /** Evaluations by the publisher's id. */
  insertEvaluations(db: Db, evaluations: ImportedEvaluation[]): Promise<number> {
    return insertMissing(
      db,
      'evaluations (external_id text, title text, evaluation_type text, pae_year int, coordinating_instance text)',
      'external_id',
      evaluations,
      (e) => [e.externalId, e.title, e.type, e.paeYear, e.instance],
    );
  }

  /** Evaluation ids by the publisher's id. */
  evaluationIds(db: Db, externalIds: string[]): Promise<KeyedId[]> {
    return select<KeyedId>(db, `SELECT external_id AS key, id FROM evaluations WHERE external_id = ANY($1)`, [externalIds]);
  }

  /** Links evaluations to the programs they evaluated (a link already there is kept). */
  async linkEvaluationPrograms(db: Db, links: { evaluationId: string | undefined; programId: string }[]): Promise<void> {
    await insertMissing(db, 'evaluation_programs (evaluation_id uuid, program_id uuid)', null, links, (l) => [l.evaluationId, l.programId]);
  }
}
