import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { escapeLiteral, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import QueryStream from 'pg-query-stream';
import { DataSource, QueryRunner } from 'typeorm';
import { Db, execute, selectOne } from '../../database/sql';
import { reportableSql } from '../asm/asm.types';
import { promedioSql } from '../asm/promedio';
import { neutralizeFormulaSql } from './documents/csv-safety';
import type { HeadingKey } from './documents/headings';
import { SNAPSHOT_SOURCE_COLUMNS, SourceRow } from './documents/model';
import type { OpenDataHistoryRow, OpenDataRow } from './documents/opendata.writer';
import { monthYearLabel } from './reporting.types';

/**
 * The rows of the official documents, in one place: a closed cut's rows come from its frozen
 * snapshot; an open cut's and a cycle's commitments from live data, through the same query
 * (the official format's columns, one row per action, in the documents' order). Which ASMs a
 * cut reports (the vigente rule) and which a cycle's commitment document lists are written
 * here once. Document reads run in the caller's read-only transaction (`tx`) and stream
 * through a server-side cursor.
 */

/** Which rows of a document the caller sees: a classification, a program, and the caller's areas. */
export interface RowFilter {
  classification: string | null;
  programId: string | null;
  scope: { all: boolean; coordinatingAreaIds: string[] };
}

/** A cut as its live rows need it: the program names in force at its cut-off date, its "Mes y Año". */
export interface LiveCut {
  id: string;
  year: number;
  month: number;
  cutoffDate: string;
  /** Only this institution's programs (null: every institution, the benchmark's cut). */
  institutionId: string | null;
}

/** A closed cut's CSV cells, formatted by PostgreSQL's COPY (see documents/csv-copy.ts). */
export interface SnapshotCsvSource {
  /** The CSV records (LF-terminated, as COPY writes them) of one cycle's rows, in order, none for a cycle without rows; each starts with its program's id. */
  cycleRecords(label: string): Readable;
}

/** Positional parameters collected while a statement is composed: each value gets its own $n. */
class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The promedio of each ASM: the weighted mean of its actions' % (an action without weight weighs 1), rounded
 * half-up to two decimals: promedioSql, held equal to the TypeScript promedio by test/medium/asm-progress.
 */
const PROMEDIO_BY_ASM = `SELECT x.asm_id, ${promedioSql('x.percent', 'x.weight')} AS promedio FROM actions x GROUP BY x.asm_id`;

/** The vigente rule: the ASMs a cut reports are the reportable ones below 100 % and those that reached 100 % in this cut. */
function vigenteIn(corte: string): string {
  return `((${reportableSql('a.status')} AND avg.promedio < 100) OR (a.status = 'concluido' AND a.concluded_corte_id = ${corte}::uuid))`;
}

/** The ASMs a cycle's commitment document lists: every committed one of that cycle (in progress or concluded too). */
function committedIn(cycle: string): string {
  return `(a.cycle_id = ${cycle}::uuid AND a.status IN ('comprometido', 'en_proceso', 'concluido'))`;
}

/** ASMs of an institution (null: every institution), through their program. */
function ofInstitution(institution: string): string {
  return `(${institution}::uuid IS NULL OR EXISTS (SELECT 1 FROM programs ip WHERE ip.id = a.program_id AND ip.institution_id = ${institution}::uuid))`;
}

/** The caller's filter over rows `s` (snapshot rows, live rows or open-data rows). */
function filtered(p: Params, f: RowFilter): string {
  const classification = p.add(f.classification);
  const program = p.add(f.programId);
  return ` AND (${classification}::text IS NULL OR s.classification = ${classification}) AND (${program}::uuid IS NULL OR s.program_id = ${program})
           AND (${p.add(f.scope.all)} OR s.coordinating_area_id = ANY(${p.add(f.scope.coordinatingAreaIds)}::uuid[]))`;
}

const SNAPSHOT_COLUMNS = [
  'row_order',
  'asm_id',
  'action_id',
  'cycle_label',
  'cycle_start_year',
  'classification',
  'program_id',
  'program_key',
  'program_name',
  'asm_text',
  'asm_status',
  'coordinating_area_id',
  'coordinating_area',
  'action_position',
  'action_description',
  'responsible_area_ids',
  'responsible_areas',
  'due_date',
  'original_due_date',
  'expected_results',
  'products',
  'percent',
  'proof_document_name',
  'proof_document_location',
  'observations',
  'month_year',
  'promedio',
  'extra',
].join(', ');

/** The name program `p` carried on `date` (its name history), or its current name. */
function programNameOn(date: string): string {
  return `COALESCE((SELECT pn.name FROM program_names pn WHERE pn.program_id = p.id AND pn.valid_from <= ${date}
                      ORDER BY pn.valid_from DESC LIMIT 1), p.name)`;
}

/** ASM `a` with its cycle `c`, program `p`, ramo `r`, institution `i` and evaluation `e`. */
const ASM_CONTEXT = `JOIN cycles c ON c.id = a.cycle_id
      JOIN programs p ON p.id = a.program_id
      JOIN ramos r ON r.code = p.ramo_code
      JOIN institutions i ON i.id = p.institution_id
      LEFT JOIN evaluations e ON e.id = a.evaluation_id`;

/** The fields of ASM_CONTEXT the open-data CSV prints, as `jsonb_build_object` arguments (the `extra` column). */
const EXTRA_FIELDS = `'ramoCode', p.ramo_code, 'ramoName', r.name, 'institutionAcronym', i.acronym, 'institutionName', i.name,
             'modality', p.modality, 'programCode', p.code, 'externalId', a.external_id, 'priority', a.priority,
             'improvementType', a.improvement_type, 'topic', a.topic, 'evaluationType', e.evaluation_type,
             'paeYear', e.pae_year, 'coordinatingInstance', e.coordinating_instance`;

/**
 * The rows of the official format from live data, one per action of the ASMs `inclusion` admits, in the
 * document's order, with the columns of corte_snapshot_rows. `nameDate`: the program names in force then;
 * `monthYear`: the "Mes y Año" column.
 */
function liveRows(inclusion: string, nameDate: string, monthYear: string): string {
  return `WITH avg AS (${PROMEDIO_BY_ASM}), included AS (
      SELECT a.*, avg.promedio FROM asms a JOIN avg ON avg.asm_id = a.id WHERE ${inclusion}
    )
    SELECT row_number() OVER (ORDER BY c.start_year DESC, p.modality, p.code, p.ramo_code, a.seq, x.position, x.created_at)::int AS row_order,
           a.id AS asm_id, x.id AS action_id, c.label AS cycle_label, c.start_year AS cycle_start_year, a.classification,
           p.id AS program_id, concat_ws('-', NULLIF(p.modality, ''), p.code) AS program_key,
           ${programNameOn(`${nameDate}::date`)} AS program_name,
           a.text AS asm_text, a.status AS asm_status, a.coordinating_area_id, COALESCE(ca.name, '') AS coordinating_area,
           x.position AS action_position, x.description AS action_description,
           COALESCE(ra.ids, '{}') AS responsible_area_ids, COALESCE(ra.names, '') AS responsible_areas,
           x.due_date, x.original_due_date, COALESCE(x.expected_results, '') AS expected_results, COALESCE(x.products, '') AS products,
           x.percent, COALESCE(x.proof_document_name, '') AS proof_document_name,
           COALESCE(x.proof_document_location, '') AS proof_document_location, COALESCE(x.observations, '') AS observations,
           ${monthYear}::text AS month_year, a.promedio,
           jsonb_build_object(${EXTRA_FIELDS}, 'cutoffDate', ${nameDate}::text) AS extra
      FROM included a
      ${ASM_CONTEXT}
      LEFT JOIN areas ca ON ca.id = a.coordinating_area_id
      JOIN actions x ON x.asm_id = a.id
      LEFT JOIN LATERAL (
        SELECT array_agg(ar.id ORDER BY aa.position) AS ids, string_agg(ar.name, '/' ORDER BY aa.position) AS names
          FROM action_areas aa JOIN areas ar ON ar.id = aa.area_id WHERE aa.action_id = x.id
      ) ra ON true`;
}

/** The live rows a cut reports (the vigente rule, its institution's programs). */
function liveCutRows(p: Params, cut: LiveCut, corte = p.add(cut.id)): string {
  return liveRows(`${vigenteIn(corte)} AND ${ofInstitution(p.add(cut.institutionId))}`, p.add(cut.cutoffDate), p.add(monthYearLabel(cut.month, cut.year)));
}

/** One row per ASM of action rows `s` (all columns of a snapshot row), for the open-data CSV of a cut. */
function openDataOf(rows: string): string {
  return `SELECT * FROM (
            SELECT DISTINCT ON (s.row_order_first) * FROM (
              SELECT min(s.row_order) OVER (PARTITION BY s.asm_id) AS row_order_first, s.asm_id AS "asmId", s.cycle_label AS "cycleLabel",
                     s.classification, s.program_name AS "programName", s.asm_text AS "asmText", s.promedio::text AS promedio, s.extra,
                     string_agg(NULLIF(s.proof_document_location, ''), ' | ') OVER (PARTITION BY s.asm_id) AS evidence,
                     s.program_id, s.coordinating_area_id
                FROM (${rows}) s
            ) s
          ) s WHERE true`;
}

/**
 * Every ASM but drafts, one row each, of an institution (null: all), in the documents' order (newest cycle first):
 * the program's name as it was called in the ASM's cycle, the actions' % and weights for the promedio, the evidence
 * of every action, and what SHCP published for an imported ASM.
 */
function openDataHistory(institution: string): string {
  return `SELECT * FROM (
    SELECT row_number() OVER (ORDER BY c.start_year DESC, p.modality, p.code, p.ramo_code, a.seq)::int AS row_order,
           a.id AS "asmId", c.label AS "cycleLabel", a.classification, a.program_id, a.coordinating_area_id,
           ${programNameOn('make_date(c.start_year + 1, 12, 31)')} AS "programName",
           a.text AS "asmText", a.status, a.status_reason AS "statusReason", x.percents, x.weights::text[] AS weights,
           COALESCE(x.evidence, '') AS evidence, a.published_acronym AS "publishedAcronym",
           a.published_improvement_types AS "publishedImprovementTypes", a.published_federalized_spending AS "publishedFederalizedSpending",
           a.published_avance::text AS "publishedAvance",
           jsonb_build_object(${EXTRA_FIELDS}) AS extra
      FROM asms a
      ${ASM_CONTEXT}
      LEFT JOIN LATERAL (
        SELECT array_agg(ac.percent ORDER BY ac.position) AS percents, array_agg(ac.weight ORDER BY ac.position) AS weights,
               string_agg(NULLIF(ac.proof_document_location, ''), ' | ' ORDER BY ac.position) AS evidence
          FROM actions ac WHERE ac.asm_id = a.id
      ) x ON true
     WHERE a.status <> 'borrador' AND (${institution}::uuid IS NULL OR p.institution_id = ${institution}::uuid)
  ) s WHERE true`;
}

/**
 * Each column of the official format as SQL over a snapshot row `s`: the same text model.ts's cell() prints,
 * except `no`, the program's number in its section: COPY writes the row's program id there and
 * writeSnapshotCsv numbers the programs as the records stream by (a window function over the rows cost COPY
 * more than the rest of the row; docs/decisions/0050). Empty texts become NULL so that COPY writes them
 * unquoted, as csvField does; texts are neutralised as csvField does (csv-safety.ts).
 */
const SNAPSHOT_CELL: Record<HeadingKey, string> = {
  no: 's.program_id::text',
  programa: `s.program_key || ' ' || s.program_name`,
  asm: 's.asm_text',
  areaCoordinadora: 's.coordinating_area',
  acciones: 's.action_description',
  actividades: 's.action_description',
  areasResponsables: 's.responsible_areas',
  areaResponsable: 's.responsible_areas',
  fechaTermino: `to_char(s.due_date, 'DD/MM/YYYY')`,
  resultados: 's.expected_results',
  productos: 's.products',
  avance: 's.percent::text',
  nombreDocumento: 's.proof_document_name',
  ubicacionDocumento: 's.proof_document_location',
  observaciones: 's.observations',
  mesAnio: 's.month_year',
  promedio: `s.promedio::text || '%'`,
};

/** Cells computed from numbers and dates, which never start a formula; every other cell is text and is neutralised. */
const NOT_TEXT = new Set<HeadingKey>(['no', 'fechaTermino', 'avance', 'promedio']);

/** The freezing statement of a cut (also run by the benchmark's generator, which has no Nest context). */
export function freezeSnapshotStatement(cut: LiveCut): { text: string; params: unknown[] } {
  const p = new Params();
  const corte = p.add(cut.id);
  const live = liveCutRows(p, cut, corte);
  return {
    text: `INSERT INTO corte_snapshot_rows (corte_id, ${SNAPSHOT_COLUMNS}) SELECT ${corte}::uuid, ${SNAPSHOT_COLUMNS} FROM (${live}) live`,
    params: p.values,
  };
}

/** The pg client under a connected query runner (for cursors and COPY, which TypeORM does not expose). */
function connectionOf(tx: QueryRunner): PoolClient {
  return (tx as unknown as { databaseConnection: PoolClient }).databaseConnection;
}

@Injectable()
export class OfficialRowsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Runs a document's reads in one REPEATABLE READ READ ONLY transaction (on a read replica when one is
   * configured): every row it streams comes from one consistent view.
   */
  async readConsistently<T>(fn: (tx: QueryRunner) => Promise<T>): Promise<T> {
    const tx = this.ds.createQueryRunner('slave');
    try {
      await tx.connect();
      await tx.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await fn(tx);
      await tx.query('COMMIT');
      return result;
    } catch (err) {
      await tx.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await tx.release();
    }
  }

  /**
   * Freezes a cut: one row per action of every ASM the cut reports (the vigente rule), copied in one statement —
   * one consistent view of the approved values. Returns how many rows the snapshot holds.
   */
  async freezeSnapshot(db: Db, cut: LiveCut): Promise<number> {
    const { text, params } = freezeSnapshotStatement(cut);
    await execute(db, text, params);
    return (await selectOne<{ n: number }>(db, `SELECT count(*)::int AS n FROM corte_snapshot_rows WHERE corte_id = $1`, [cut.id]))!.n;
  }

  /** A closed cut's rows, from its snapshot. */
  closedCutRows(tx: QueryRunner, corteId: string, f: RowFilter): AsyncGenerator<SourceRow> {
    const p = new Params();
    const sql = `SELECT ${SNAPSHOT_SOURCE_COLUMNS} FROM corte_snapshot_rows s WHERE s.corte_id = ${p.add(corteId)}`;
    return this.stream<SourceRow>(tx, `${sql}${filtered(p, f)} ORDER BY s.row_order`, p.values);
  }

  /** An open (or scheduled) cut's rows, from live data: the preview of its documents. */
  openCutRows(tx: QueryRunner, cut: LiveCut, f: RowFilter): AsyncGenerator<SourceRow> {
    const p = new Params();
    const sql = `SELECT ${SNAPSHOT_SOURCE_COLUMNS} FROM (${liveCutRows(p, cut)}) s WHERE true`;
    return this.stream<SourceRow>(tx, `${sql}${filtered(p, f)} ORDER BY s.row_order`, p.values);
  }

  /** A closed cut's open-data rows (one per ASM), from its snapshot. */
  closedCutOpenData(tx: QueryRunner, corteId: string, f: RowFilter): AsyncGenerator<OpenDataRow> {
    const p = new Params();
    const sql = openDataOf(`SELECT * FROM corte_snapshot_rows s WHERE s.corte_id = ${p.add(corteId)}`);
    return this.stream<OpenDataRow>(tx, `${sql}${filtered(p, f)} ORDER BY s.row_order_first`, p.values);
  }

  /** An open cut's open-data rows (one per ASM), from live data. */
  openCutOpenData(tx: QueryRunner, cut: LiveCut, f: RowFilter): AsyncGenerator<OpenDataRow> {
    const p = new Params();
    const sql = openDataOf(`SELECT * FROM (${liveCutRows(p, cut)}) s WHERE true`);
    return this.stream<OpenDataRow>(tx, `${sql}${filtered(p, f)} ORDER BY s.row_order_first`, p.values);
  }

  /**
   * A cycle's commitment rows (its commitment documents have no cut, no "Mes y Año"): every committed ASM of the
   * cycle of the institution, program names in force at `nameDate`.
   */
  cycleCommitmentRows(tx: QueryRunner, c: { cycleId: string; institutionId: string; nameDate: string }, f: RowFilter): AsyncGenerator<SourceRow> {
    const p = new Params();
    const inclusion = `${committedIn(p.add(c.cycleId))} AND ${ofInstitution(p.add(c.institutionId))}`;
    const sql = `SELECT ${SNAPSHOT_SOURCE_COLUMNS} FROM (${liveRows(inclusion, p.add(c.nameDate), p.add(''))}) s WHERE true`;
    return this.stream<SourceRow>(tx, `${sql}${filtered(p, f)} ORDER BY s.row_order`, p.values);
  }

  /** The open-data history: every ASM but drafts of an institution (null: all), in its state of today. */
  openDataHistory(tx: QueryRunner, institutionId: string | null, f: RowFilter): AsyncGenerator<OpenDataHistoryRow> {
    const p = new Params();
    const sql = openDataHistory(p.add(institutionId));
    return this.stream<OpenDataHistoryRow>(tx, `${sql}${filtered(p, f)} ORDER BY s.row_order`, p.values);
  }

  /**
   * A closed cut's CSV cells of the columns given, formatted by COPY, one cycle at a time through the (corte_id,
   * classification, cycle_label, row_order) index. COPY takes no parameters: values are literals.
   */
  snapshotCsv(tx: QueryRunner, corteId: string, f: RowFilter, columns: readonly HeadingKey[]): SnapshotCsvSource {
    const client = connectionOf(tx);
    const where = [
      `s.corte_id = ${escapeLiteral(corteId)}`,
      f.classification ? `s.classification = ${escapeLiteral(f.classification)}` : 'true',
      f.programId ? `s.program_id = ${escapeLiteral(f.programId)}` : 'true',
      f.scope.all ? 'true' : `s.coordinating_area_id = ANY(${escapeLiteral(`{${f.scope.coordinatingAreaIds.join(',')}}`)}::uuid[])`,
    ].join(' AND ');
    if (columns[0] !== 'no') throw new Error('writeSnapshotCsv numbers the first column: every layout starts with No.');
    const cells = columns.map((c) => `NULLIF(${NOT_TEXT.has(c) ? SNAPSHOT_CELL[c] : neutralizeFormulaSql(SNAPSHOT_CELL[c])}, '')`).join(', ');
    return {
      cycleRecords: (label) =>
        client.query(
          copyTo(
            `COPY (SELECT ${cells} FROM corte_snapshot_rows s WHERE ${where} AND s.cycle_label = ${escapeLiteral(label)} ORDER BY s.row_order)
               TO STDOUT WITH (FORMAT csv)`,
          ),
        ),
    };
  }

  /** Streams rows through a server-side cursor read in large batches: the rows flow without ever being held all at once. */
  private async *stream<T>(tx: QueryRunner, sql: string, params: unknown[]): AsyncGenerator<T> {
    const stream = connectionOf(tx).query(new QueryStream(sql, params, { batchSize: 2000, highWaterMark: 2000 }));
    for await (const row of stream as AsyncIterable<T>) yield row;
  }
}
