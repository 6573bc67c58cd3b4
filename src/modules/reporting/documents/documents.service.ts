import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Injectable, Logger } from '@nestjs/common';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource, QueryRunner } from 'typeorm';
import { Clock } from '../../../common/clock';
import { DomainError, NotFoundError } from '../../../common/errors/domain-error';
import { Metrics } from '../../../common/metrics/metrics.service';
import { AuditAnchors } from '../../audit/audit-anchors';
import { Actor } from '../../identity/actor';
import { ForbiddenError, institutionScope, Policy } from '../../identity/policy/policy';
import { DocumentSettings, SettingsService } from '../../settings/settings.service';
import { monthYearLabel } from '../reporting.types';
import { COMMITTED_IN_CYCLE, liveRowsSql, OF_INSTITUTION, VIGENTE_IN_CORTE } from '../snapshot.writer';
import { writeSnapshotCsv } from './csv-copy';
import { WRITER_CHANGES, WRITER_VERSION } from './csv-safety';
import { writeCsv } from './csv.writer';
import { DocumentKind, headingTexts, LAYOUTS } from './layout';
import { documentEvents, documentHeader, SNAPSHOT_SOURCE_COLUMNS, SourceRow } from './model';
import { OpenDataHistoryRow, OpenDataRow, writeOpenData, writeOpenDataHistory } from './opendata.writer';
import { writePdf } from './pdf.writer';
import { writeXlsx } from './xlsx.writer';
import { fixZipDates } from './zip-dates';

export const FORMATS = ['xlsx', 'pdf', 'csv'] as const;
export type DocumentFormat = (typeof FORMATS)[number];
export const CORTE_DOCUMENTS = ['avance-institucional', 'avance-trabajo', 'datos-abiertos'] as const;
export type CorteDocument = (typeof CORTE_DOCUMENTS)[number];
export const CYCLE_DOCUMENTS = ['documento-institucional', 'documento-trabajo'] as const;
export type CycleDocument = (typeof CYCLE_DOCUMENTS)[number];

export const CONTENT_TYPE: Record<DocumentFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

/** Frozen with a closed cut: everything its documents print besides the snapshot. */
export interface FrozenDocumentSettings extends DocumentSettings {
  /** Cycle labels, newest first, down to the oldest configured when the cut closed. */
  cycles: string[];
}

export interface GeneratedDocument {
  path: string;
  fileName: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  preview: boolean;
  dispose(): Promise<void>;
}

/**
 * Every ASM but drafts, one row each, of the institution $1 (null: all), in the documents' order (newest cycle first):
 * the program's name as it was called in the ASM's cycle, the actions' % and weights for the promedio, the evidence
 * of every action, and what SHCP published for an imported ASM.
 */
const OPEN_DATA_HISTORY_SQL = `SELECT * FROM (
    SELECT row_number() OVER (ORDER BY c.start_year DESC, p.modality, p.code, p.ramo_code, a.seq)::int AS row_order,
           a.id AS "asmId", c.label AS "cycleLabel", a.classification, a.program_id, a.coordinating_area_id,
           COALESCE((SELECT pn.name FROM program_names pn WHERE pn.program_id = p.id AND pn.valid_from <= make_date(c.start_year + 1, 12, 31)
                      ORDER BY pn.valid_from DESC LIMIT 1), p.name) AS "programName",
           a.text AS "asmText", a.status, a.status_reason AS "statusReason", x.percents, x.weights::text[] AS weights,
           COALESCE(x.evidence, '') AS evidence, a.published_acronym AS "publishedAcronym",
           a.published_improvement_types AS "publishedImprovementTypes", a.published_federalized_spending AS "publishedFederalizedSpending",
           a.published_avance::text AS "publishedAvance",
           jsonb_build_object(
             'ramoCode', p.ramo_code, 'ramoName', r.name, 'institutionAcronym', i.acronym, 'institutionName', i.name,
             'modality', p.modality, 'programCode', p.code, 'externalId', a.external_id, 'priority', a.priority,
             'improvementType', a.improvement_type, 'topic', a.topic, 'evaluationType', e.evaluation_type,
             'paeYear', e.pae_year, 'coordinatingInstance', e.coordinating_instance) AS extra
      FROM asms a
      JOIN cycles c ON c.id = a.cycle_id
      JOIN programs p ON p.id = a.program_id
      JOIN ramos r ON r.code = p.ramo_code
      JOIN institutions i ON i.id = p.institution_id
      LEFT JOIN evaluations e ON e.id = a.evaluation_id
      LEFT JOIN LATERAL (
        SELECT array_agg(ac.percent ORDER BY ac.position) AS percents, array_agg(ac.weight ORDER BY ac.position) AS weights,
               string_agg(NULLIF(ac.proof_document_location, ''), ' | ' ORDER BY ac.position) AS evidence
          FROM actions ac WHERE ac.asm_id = a.id
      ) x ON true
     WHERE a.status <> 'borrador' AND ($1::uuid IS NULL OR p.institution_id = $1::uuid)
  ) s WHERE true`;

/** The pg client under a connected query runner (for cursors and COPY, which TypeORM does not expose). */
function connectionOf(qr: QueryRunner): PoolClient {
  return (qr as unknown as { databaseConnection: PoolClient }).databaseConnection;
}

/**
 * Produces the official documents. A closed cut's documents come from its
 * frozen snapshot and settings with a fixed date, so they are byte-identical
 * every time; their SHA-256 is recorded. An open cut gives a preview from live
 * data, marked as such. Rows stream from PostgreSQL into the writers, which
 * write a temporary file; its SHA-256 is taken from the finished file.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documentos');

  constructor(
    private readonly ds: DataSource,
    private readonly settings: SettingsService,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly anchors: AuditAnchors,
    private readonly metrics: Metrics,
  ) {}

  /** What a closed cut's documents will print, captured when it closes. */
  async freezeSettings(em: { query: DataSource['query'] }, institutionId: string): Promise<FrozenDocumentSettings> {
    const s = await this.settings.documentSettings(institutionId);
    const cycles: { label: string }[] = await em.query(`SELECT label FROM cycles ORDER BY start_year DESC`);
    return { ...s, cycles: cycles.map((c) => c.label) };
  }

  async corteDocument(o: {
    corteId: string;
    kind: CorteDocument;
    format: DocumentFormat;
    programId?: string;
    institutionId?: string;
    actor: Actor;
  }): Promise<GeneratedDocument> {
    const [corte] = await this.ds.query(
      `SELECT id, institution_id AS "institutionId", year, month, cutoff_date::text AS "cutoffDate", status, closed_at AS "closedAt",
              document_settings AS "frozen" FROM cortes WHERE id = $1`,
      [o.corteId],
    );
    const notFound = () => new NotFoundError('el corte', 'CORTE_NOT_FOUND', o.corteId);
    if (!corte) throw notFound();
    // Another institution's cut is not found (the deployment-wide role reads every institution's).
    this.policy.assertInstitution(o.actor, 'read', corte.institutionId, notFound);
    if (o.institutionId && o.institutionId !== corte.institutionId) {
      await this.documentInstitution(o.actor, o.institutionId);
      throw new DomainError('CORTE_OF_OTHER_INSTITUTION', 'El corte es de otra institución; pide el documento con el corte de la institución que nombras.', 'validation', [
        { field: 'institutionId', message: 'No es la institución del corte.' },
      ]);
    }
    const scope = this.policy.scope(o.actor, 'read', 'Report');
    const program = o.programId ? await this.program(o.programId, corte.institutionId) : undefined;
    const closed = corte.status === 'cerrado';
    let frozen: FrozenDocumentSettings | undefined = corte.frozen ?? undefined;
    if (closed && !frozen) {
      frozen = await this.freezeSettings(this.ds, corte.institutionId);
      await this.ds.query(`UPDATE cortes SET document_settings = $2 WHERE id = $1 AND document_settings IS NULL`, [corte.id, frozen]);
    }
    const settings = frozen ?? (await this.freezeSettings(this.ds, corte.institutionId));
    const label = monthYearLabel(corte.month, corte.year);
    const fixedDate = closed ? new Date(corte.closedAt) : this.clock.now();
    const name = o.kind === 'datos-abiertos' ? 'Datos abiertos ASM' : LAYOUTS[o.kind].name;
    const fileName = `${name}${program ? ` - ${program.key}` : ''} - ${label}${closed ? '' : ' (vista preliminar)'}.${o.format}`;
    if (o.kind === 'datos-abiertos' && o.format !== 'csv') {
      throw new DomainError('FORMAT_NOT_AVAILABLE', 'Los datos abiertos se producen solo en CSV.', 'validation', [{ field: 'format', message: 'Usa format=csv.' }]);
    }
    const filters = { classification: o.kind === 'avance-trabajo' ? 'especifico' : o.kind === 'avance-institucional' ? 'institucional' : null, programId: program?.id ?? null, scope };
    const source = closed
      ? {
          sql: `SELECT %COLUMNS% FROM corte_snapshot_rows s WHERE s.corte_id = $1`,
          params: [corte.id] as unknown[],
        }
      : {
          sql: `SELECT %COLUMNS% FROM (${liveRowsSql(`(${VIGENTE_IN_CORTE}) AND ${OF_INSTITUTION('$4')}`)}) s WHERE true`,
          params: [corte.id, corte.cutoffDate, label, corte.institutionId] as unknown[],
        };
    const doc = await this.produce(fileName, o.format, !closed, fixedDate, async (out, qr) => {
      if (o.kind === 'datos-abiertos') {
        const rows = this.stream<OpenDataRow>(qr, this.openDataSql(source.sql), [...source.params], filters);
        await writeOpenData(out, rows, corte);
        out.end();
        return;
      }
      const layout = LAYOUTS[o.kind];
      const header = documentHeader(layout, settings.institutionName, headingTexts(layout, settings.headings), corte.year, !closed);
      if (closed && o.format === 'csv') {
        await writeSnapshotCsv(connectionOf(qr), out, layout, header, settings.cycles, { corteId: corte.id, ...filters });
        out.end();
        return;
      }
      const rows = this.stream<SourceRow>(qr, source.sql.replace('%COLUMNS%', SNAPSHOT_SOURCE_COLUMNS), [...source.params], filters);
      await this.write(o.format, out, layout.kind, header, documentEvents(layout, settings.cycles, rows), fixedDate);
    });
    // Only the institution's complete document is the record; a coordinator's view is filtered by area.
    if (closed && scope.all) await this.record(corte.id, o.kind, o.format, program?.id ?? null, doc);
    this.metrics.documentsGenerated.inc({ kind: o.kind, format: o.format });
    return doc;
  }

  async cycleDocument(o: {
    cycleId: string;
    kind: CycleDocument;
    format: DocumentFormat;
    programId?: string;
    institutionId?: string;
    actor: Actor;
  }): Promise<GeneratedDocument> {
    const institutionId = await this.documentInstitution(o.actor, o.institutionId);
    // The year the cycle's commitments are elaborated, and the last change to the institution's commitments in it:
    // the document's date (see docs/decisions/0036): the same commitments give the same bytes on every download.
    const [cycle] = await this.ds.query(
      `SELECT c.id, c.label, c.start_year AS "startYear",
              greatest(c.created_at, (SELECT max(greatest(a.updated_at, x.updated_at))
                                        FROM asms a LEFT JOIN actions x ON x.asm_id = a.id
                                       WHERE a.cycle_id = c.id AND ${OF_INSTITUTION('$2')})) AS "changedAt"
         FROM cycles c WHERE c.id = $1`,
      [o.cycleId, institutionId],
    );
    if (!cycle) throw new NotFoundError('el ciclo', 'CYCLE_NOT_FOUND', o.cycleId);
    const scope = this.policy.scope(o.actor, 'read', 'Report');
    const program = o.programId ? await this.program(o.programId, institutionId) : undefined;
    const settings = await this.settings.documentSettings(institutionId);
    const layout = LAYOUTS[o.kind];
    const fixedDate = new Date(cycle.changedAt);
    const today = this.clock.today();
    const fileName = `${layout.name}${program ? ` - ${program.key}` : ''} - Periodo ${cycle.label}.${o.format}`;
    const header = documentHeader(layout, settings.institutionName, headingTexts(layout, settings.headings), cycle.startYear, false);
    const filters = { classification: layout.classification, programId: program?.id ?? null, scope };
    const doc = await this.produce(fileName, o.format, false, fixedDate, async (out, qr) => {
      const rows = this.stream<SourceRow>(
        qr,
        `SELECT ${SNAPSHOT_SOURCE_COLUMNS} FROM (${liveRowsSql(`${COMMITTED_IN_CYCLE} AND ${OF_INSTITUTION('$5')}`)}) s WHERE true`,
        [null, today, '', cycle.id, institutionId],
        filters,
      );
      await this.write(o.format, out, layout.kind, header, documentEvents(layout, [cycle.label], rows), fixedDate);
    });
    this.metrics.documentsGenerated.inc({ kind: o.kind, format: o.format });
    return doc;
  }

  /**
   * Open data for the whole history in SHCP's layout: one row per ASM (any state but borrador) of every cycle, of the
   * actor's institution, or of the one named, or of every institution (the deployment-wide role, naming none).
   */
  async openDataHistory(o: { institutionId?: string; actor: Actor }): Promise<GeneratedDocument> {
    // Naming none, the deployment-wide role gets every institution (null); anyone else their own.
    const everyInstitution = !o.institutionId && institutionScope(o.actor, 'read') === null;
    const institutionId = everyInstitution ? null : await this.documentInstitution(o.actor, o.institutionId);
    const [inst] = institutionId ? await this.ds.query(`SELECT acronym FROM institutions WHERE id = $1`, [institutionId]) : [undefined];
    const scope = this.policy.scope(o.actor, 'read', 'Report');
    const today = this.clock.today();
    const fileName = `Datos abiertos ASM - ${inst ? inst.acronym : 'todas las instituciones'} - histórico al ${today}.csv`;
    const doc = await this.produce(fileName, 'csv', false, this.clock.now(), async (out, qr) => {
      const rows = this.stream<OpenDataHistoryRow>(qr, OPEN_DATA_HISTORY_SQL, [institutionId], { classification: null, programId: null, scope });
      await writeOpenDataHistory(out, rows, today);
      out.end();
    });
    this.metrics.documentsGenerated.inc({ kind: 'datos-abiertos-historico', format: 'csv' });
    return doc;
  }

  private async write(
    format: DocumentFormat,
    out: Writable,
    kind: DocumentKind,
    header: ReturnType<typeof documentHeader>,
    events: ReturnType<typeof documentEvents>,
    fixedDate: Date,
  ): Promise<void> {
    const layout = LAYOUTS[kind];
    if (format === 'xlsx') await writeXlsx(out, layout, header, events, fixedDate);
    else if (format === 'pdf') await writePdf(out, layout, header, events, fixedDate);
    else {
      await writeCsv(out, header, events);
      out.end();
    }
  }

  private openDataSql(base: string): string {
    return `SELECT DISTINCT ON (s.row_order_first) * FROM (
              SELECT min(s.row_order) OVER (PARTITION BY s.asm_id) AS row_order_first, s.asm_id AS "asmId", s.cycle_label AS "cycleLabel",
                     s.classification, s.program_name AS "programName", s.asm_text AS "asmText", s.promedio::text AS promedio, s.extra,
                     string_agg(NULLIF(s.proof_document_location, ''), ' | ') OVER (PARTITION BY s.asm_id) AS evidence,
                     s.program_id, s.coordinating_area_id
                FROM (${base.replace('%COLUMNS%', '*')}) s
            ) s`;
  }

  /** Streams rows through a server-side cursor, filtered by classification, program and the caller's areas. */
  private async *stream<T>(
    qr: QueryRunner,
    sql: string,
    params: unknown[],
    f: { classification: string | null; programId: string | null; scope: { all: boolean; coordinatingAreaIds: string[] } },
  ): AsyncGenerator<T> {
    const n = params.length;
    const where = ` AND ($${n + 1}::text IS NULL OR s.classification = $${n + 1}) AND ($${n + 2}::uuid IS NULL OR s.program_id = $${n + 2})
                    AND ($${n + 3} OR s.coordinating_area_id = ANY($${n + 4}::uuid[]))`;
    const ordered = sql.includes('DISTINCT ON') ? `SELECT * FROM (${sql}) s WHERE true${where} ORDER BY s.row_order_first` : `${sql}${where} ORDER BY s.row_order`;
    // A server-side cursor read in large batches: the rows flow without ever being held all at once.
    const stream = connectionOf(qr).query(
      new QueryStream(ordered, [...params, f.classification, f.programId, f.scope.all, f.scope.coordinatingAreaIds], { batchSize: 2000, highWaterMark: 2000 }),
    );
    for await (const row of stream as unknown as AsyncIterable<T>) yield row;
  }

  /**
   * The institution a document is produced for: the one named (the deployment-wide role may name any; anyone else
   * only their own), else the actor's own (the system's: the default institution).
   */
  private async documentInstitution(actor: Actor, named: string | undefined): Promise<string> {
    if (named && !this.policy.institutionAllowed(actor, 'read', named)) {
      throw new ForbiddenError('read', 'Report', 'los documentos de otra institución solo los produce la consulta global');
    }
    const [row] = await this.ds.query(`SELECT id FROM institutions WHERE id = COALESCE($1::uuid, $2::uuid, default_institution_id())`, [named ?? null, actor.institutionId]);
    if (!row) throw new NotFoundError('la institución', 'INSTITUTION_NOT_FOUND', named ?? '');
    return row.id as string;
  }

  /** One program of the document's institution: another institution's program is not found there. */
  private async program(id: string, institutionId: string | null): Promise<{ id: string; key: string }> {
    const [p] = await this.ds.query(
      `SELECT id, concat_ws('-', NULLIF(modality, ''), code) AS key FROM programs WHERE id = $1 AND ($2::uuid IS NULL OR institution_id = $2)`,
      [id, institutionId],
    );
    if (!p) throw new NotFoundError('el programa', 'PROGRAM_NOT_FOUND', id);
    return p;
  }

  /** Writes the document to a temporary file, hashing the bytes on the way. */
  private async produce(
    fileName: string,
    format: DocumentFormat,
    preview: boolean,
    fixedDate: Date,
    body: (out: PassThrough, qr: QueryRunner) => Promise<void>,
  ): Promise<GeneratedDocument> {
    const dir = join(tmpdir(), 'asm-documentos');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${randomUUID()}.${format}`);
    const out = new PassThrough();
    const file = createWriteStream(path, { highWaterMark: 1024 * 1024 });
    // Hashed on the way to the file (an XLSX is hashed again once its zip dates are fixed).
    const hash = createHash('sha256');
    out.on('data', (chunk: Buffer) => hash.update(chunk));
    out.pipe(file);
    const written = finished(file);
    const qr = this.ds.createQueryRunner('slave');
    try {
      await qr.connect();
      await qr.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await body(out, qr);
      await qr.query('COMMIT');
      await written;
    } catch (err) {
      await qr.query('ROLLBACK').catch(() => undefined);
      out.destroy();
      file.destroy();
      await rm(path, { force: true });
      throw err;
    } finally {
      await qr.release();
    }
    let sha256: string;
    if (format === 'xlsx') {
      await fixZipDates(path, fixedDate);
      const rehash = createHash('sha256');
      for await (const chunk of createReadStream(path)) rehash.update(chunk as Buffer);
      sha256 = rehash.digest('hex');
    } else {
      sha256 = hash.digest('hex');
    }
    const { size } = await stat(path);
    return {
      path,
      fileName,
      contentType: CONTENT_TYPE[format],
      sha256,
      sizeBytes: size,
      preview,
      dispose: () => rm(path, { force: true }),
    };
  }

  /**
   * Records the SHA-256 of a closed cut's document the first time, and checks every later production against it.
   * Bytes that differ because the format's writer changed since the record are an explained difference: the old
   * hash is kept as a revision with the reason, and the record moves to the new bytes. Any other difference is an
   * integrity error, logged, and the record is left as it was.
   */
  private async record(corteId: string, kind: string, format: DocumentFormat, programId: string | null, doc: GeneratedDocument): Promise<void> {
    const version = WRITER_VERSION[format];
    const [row] = await this.ds.query(
      `INSERT INTO corte_documents (corte_id, kind, format, program_id, sha256, size_bytes, writer_version) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (corte_id, kind, format, COALESCE(program_id, '00000000-0000-0000-0000-000000000000'::uuid))
       DO UPDATE SET last_generated_at = now(), times_generated = corte_documents.times_generated + 1
       RETURNING id, sha256, size_bytes AS "sizeBytes", writer_version AS "writerVersion"`,
      [corteId, kind, format, programId, doc.sha256, doc.sizeBytes, version],
    );
    if (row.sha256 !== doc.sha256 && row.writerVersion < version) {
      // One statement: of two productions at once, only one moves the record and writes the revision.
      await this.ds.query(
        `WITH moved AS (
           UPDATE corte_documents SET sha256 = $2, size_bytes = $3, writer_version = $4 WHERE id = $1 AND sha256 = $5 AND writer_version = $7 RETURNING id)
         INSERT INTO corte_document_revisions (corte_document_id, previous_sha256, previous_size_bytes, previous_writer_version, sha256, size_bytes, writer_version, reason)
         SELECT id, $5, $6, $7, $2, $3, $4, $8 FROM moved`,
        [row.id, doc.sha256, doc.sizeBytes, version, row.sha256, row.sizeBytes, row.writerVersion, this.changesSince(format, row.writerVersion)],
      );
      this.logger.warn(
        { corteId, kind, format, programId, recorded: row.sha256, produced: doc.sha256, writerVersion: version },
        'Documento de corte cerrado producido con una versión nueva de su formato; la diferencia queda registrada',
      );
    } else if (row.sha256 !== doc.sha256) {
      this.logger.error({ corteId, kind, format, programId, recorded: row.sha256, produced: doc.sha256 }, 'Documento de corte cerrado distinto del registrado');
    } else if (row.writerVersion < version) {
      // The same bytes from the newer writer: the record now states it.
      await this.ds.query(`UPDATE corte_documents SET writer_version = $2 WHERE id = $1 AND writer_version < $2`, [row.id, version]);
    }
    await this.anchors.record('documento', `${kind}.${format}${programId ? ` programa ${programId}` : ''} corte ${corteId} sha256 ${doc.sha256}`);
  }

  private changesSince(format: DocumentFormat, from: number): string {
    const reasons: string[] = [];
    for (let v = from + 1; v <= WRITER_VERSION[format]; v++) reasons.push(`versión ${v}: ${WRITER_CHANGES[`${format}:${v}`]}`);
    return reasons.join(' ');
  }

  open(doc: GeneratedDocument): Readable {
    return createReadStream(doc.path);
  }
}
