import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { QueryRunner } from 'typeorm';
import { Clock } from '../../../common/clock';
import { streamingBuffers } from '../../../common/memory';
import { Db } from '../../../database/sql';
import { Metrics } from '../../../common/metrics/metrics.service';
import { AuditAnchors } from '../../audit/audit-anchors';
import { Actor } from '../../identity/actor';
import { ForbiddenError, institutionScope, Policy } from '../../identity/policy/policy';
import { CatalogErrorCode, CatalogNotFoundError } from '../../catalog/catalog.errors';
import { DocumentSettings, SettingsService } from '../../settings/settings.service';
import { CortesRepository, DocumentCorte } from '../cortes.repository';
import { OfficialRowsRepository, RowFilter } from '../official-rows.repository';
import { CorteNotFoundError, CorteOfOtherInstitutionError, CorteStateError, FormatNotAvailableError, ReportingErrorCode } from '../reporting.errors';
import { monthYearLabel } from '../reporting.types';
import { writeSnapshotCsv } from './csv-copy';
import { WRITER_CHANGES, WRITER_VERSION } from './csv-safety';
import { writeCsv } from './csv.writer';
import { writeHashedFile } from './hashed-file';
import { DocumentKind, headingTexts, LAYOUTS } from './layout';
import { DocumentsRepository } from './documents.repository';
import { documentEvents, documentHeader } from './model';
import { writeOpenData, writeOpenDataHistory } from './opendata.writer';
import { pdfTurn } from './pdf.thread';
import { readPdf } from './pdf.writer';
import { writeXlsx } from './xlsx.writer';
import { fixZipDates } from './zip-dates';

export const FORMATS = ['xlsx', 'pdf', 'csv'] as const;
export type DocumentFormat = (typeof FORMATS)[number];
export const CORTE_DOCUMENTS = ['avance-institucional', 'avance-trabajo', 'datos-abiertos'] as const;
export type CorteDocument = (typeof CORTE_DOCUMENTS)[number];
export const CYCLE_DOCUMENTS = ['documento-institucional', 'documento-trabajo'] as const;
export type CycleDocument = (typeof CYCLE_DOCUMENTS)[number];

/** The documents of record of a closed cut, in the order they are recorded when it closes. */
const RECORDED_DOCUMENTS: readonly (readonly [CorteDocument, DocumentFormat])[] = [
  ['avance-institucional', 'csv'],
  ['avance-institucional', 'xlsx'],
  ['avance-institucional', 'pdf'],
  ['avance-trabajo', 'csv'],
  ['avance-trabajo', 'xlsx'],
  ['avance-trabajo', 'pdf'],
  ['datos-abiertos', 'csv'],
];

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

/**
 * What recording one document of record did: 'registrado', the record holds these bytes (recorded now or before);
 * 'revisado', a newer writer's bytes replaced the record, kept as a revision; 'distinto', bytes that differ with no
 * newer writer to explain them (an integrity error, logged; the record is left as it was).
 */
export interface RecordedDocument {
  kind: CorteDocument;
  format: DocumentFormat;
  sha256: string;
  outcome: 'registrado' | 'revisado' | 'distinto';
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

/** What a document's writing still has to do once its rows are read and their transaction has ended. */
type AfterRead = () => Promise<void>;

/**
 * Produces the official documents. A closed cut's documents come from its
 * frozen snapshot and settings with a fixed date, so they are byte-identical
 * every time; their SHA-256 is recorded by the worker once the cut closes,
 * and a download is compared with the record (and never writes). An open cut gives a preview from live
 * data, marked as such. Rows stream from PostgreSQL into the writers, which
 * write a temporary file hashed on the way (an XLSX again once its zip dates
 * are fixed); a PDF is rendered once its rows' transaction has ended.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documentos');

  constructor(
    private readonly cortes: CortesRepository,
    private readonly officialRows: OfficialRowsRepository,
    private readonly records: DocumentsRepository,
    private readonly settings: SettingsService,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly anchors: AuditAnchors,
    private readonly metrics: Metrics,
  ) {}

  /** What a closed cut's documents will print, captured when it closes. */
  async freezeSettings(institutionId: string, db?: Db): Promise<FrozenDocumentSettings> {
    const s = await this.settings.documentSettings(institutionId);
    return { ...s, cycles: await this.cortes.cycleLabels(db) };
  }

  async corteDocument(o: {
    corteId: string;
    kind: CorteDocument;
    format: DocumentFormat;
    programId?: string;
    institutionId?: string;
    actor: Actor;
  }): Promise<GeneratedDocument> {
    const corte = await this.cortes.forDocuments<FrozenDocumentSettings>(o.corteId);
    const notFound = () => new CorteNotFoundError(o.corteId);
    if (!corte) throw notFound();
    // Another institution's cut is not found (the deployment-wide role reads every institution's).
    this.policy.assertInstitution(o.actor, 'read', corte.institutionId, notFound);
    if (o.institutionId && o.institutionId !== corte.institutionId) {
      await this.documentInstitution(o.actor, o.institutionId);
      throw new CorteOfOtherInstitutionError();
    }
    const scope = this.policy.scope(o.actor, 'read', 'Report');
    const program = o.programId ? await this.program(o.programId, corte.institutionId) : undefined;
    const closed = corte.status === 'cerrado';
    // Frozen when the cut closed; only a cut closed before settings were frozen has none, and prints today's.
    const settings = corte.frozen ?? (await this.freezeSettings(corte.institutionId));
    if (o.kind === 'datos-abiertos' && o.format !== 'csv') throw new FormatNotAvailableError();
    const doc = await this.produceCorte(corte, settings, { kind: o.kind, format: o.format, program, scope });
    // Only the institution's complete document is the record; a coordinator's view is filtered by area.
    if (closed && scope.all) await this.verify(corte.id, o.kind, o.format, program?.id ?? null, doc);
    this.metrics.documentsGenerated.inc({ kind: o.kind, format: o.format });
    return doc;
  }

  /**
   * Records the documents of a closed cut (the institution's complete ones, every kind and format): the worker's
   * job after the cut closes (RecordCutDocumentsJob), or the operator's `documentos-registrar` command. A download
   * only produces and compares, it never writes. Run again with the same bytes it adds no revision; after a change
   * of a format's writer it records the explained differences as revisions. The cut's settings are frozen first if
   * they never were.
   */
  async recordCut(corteId: string): Promise<RecordedDocument[]> {
    const corte = await this.cortes.forDocuments<FrozenDocumentSettings>(corteId);
    if (!corte) throw new CorteNotFoundError(corteId);
    if (corte.status !== 'cerrado')
      throw new CorteStateError('El corte aún no se cierra: sus documentos se registran al cerrarlo.', ReportingErrorCode.CorteNotClosed);
    let settings = corte.frozen;
    if (!settings) {
      settings = await this.freezeSettings(corte.institutionId);
      await this.cortes.freezeDocumentSettings(corte.id, settings);
    }
    const whole = { all: true, coordinatingAreaIds: [] };
    const recorded: RecordedDocument[] = [];
    for (const [kind, format] of RECORDED_DOCUMENTS) {
      const doc = await this.produceCorte(corte, settings, { kind, format, program: undefined, scope: whole });
      try {
        recorded.push({ kind, format, sha256: doc.sha256, outcome: await this.record(corte.id, kind, format, null, doc) });
      } finally {
        await doc.dispose();
      }
    }
    return recorded;
  }

  private async produceCorte(
    corte: DocumentCorte<FrozenDocumentSettings>,
    settings: FrozenDocumentSettings,
    o: { kind: CorteDocument; format: DocumentFormat; program: { id: string; key: string } | undefined; scope: RowFilter['scope'] },
  ): Promise<GeneratedDocument> {
    const closed = corte.status === 'cerrado';
    const label = monthYearLabel(corte.month, corte.year);
    const fixedDate = closed && corte.closedAt ? new Date(corte.closedAt) : this.clock.now();
    const name = o.kind === 'datos-abiertos' ? 'Datos abiertos ASM' : LAYOUTS[o.kind].name;
    const fileName = `${name}${o.program ? ` - ${o.program.key}` : ''} - ${label}${closed ? '' : ' (vista preliminar)'}.${o.format}`;
    const filters: RowFilter = {
      classification: o.kind === 'avance-trabajo' ? 'especifico' : o.kind === 'avance-institucional' ? 'institucional' : null,
      programId: o.program?.id ?? null,
      scope: o.scope,
    };
    const live = { id: corte.id, year: corte.year, month: corte.month, cutoffDate: corte.cutoffDate, institutionId: corte.institutionId };
    return this.produce(fileName, o.format, !closed, fixedDate, async (out, tx) => {
      if (o.kind === 'datos-abiertos') {
        const rows = closed ? this.officialRows.closedCutOpenData(tx, corte.id, filters) : this.officialRows.openCutOpenData(tx, live, filters);
        await writeOpenData(out, rows, corte);
        out.end();
        return;
      }
      const layout = LAYOUTS[o.kind];
      const header = documentHeader(layout, settings.institutionName, headingTexts(layout, settings.headings), corte.year, !closed);
      if (closed && o.format === 'csv') {
        await writeSnapshotCsv(this.officialRows.snapshotCsv(tx, corte.id, filters, layout.columns), out, header, settings.cycles);
        out.end();
        return;
      }
      const rows = closed ? this.officialRows.closedCutRows(tx, corte.id, filters) : this.officialRows.openCutRows(tx, live, filters);
      return this.write(o.format, out, layout.kind, header, documentEvents(layout, settings.cycles, rows), fixedDate);
    });
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
    const cycle = await this.records.cycle(o.cycleId, institutionId);
    if (!cycle) throw new CatalogNotFoundError(CatalogErrorCode.CycleNotFound, o.cycleId);
    const scope = this.policy.scope(o.actor, 'read', 'Report');
    const program = o.programId ? await this.program(o.programId, institutionId) : undefined;
    const settings = await this.settings.documentSettings(institutionId);
    const layout = LAYOUTS[o.kind];
    const fixedDate = new Date(cycle.changedAt);
    const today = this.clock.today();
    const fileName = `${layout.name}${program ? ` - ${program.key}` : ''} - Periodo ${cycle.label}.${o.format}`;
    const header = documentHeader(layout, settings.institutionName, headingTexts(layout, settings.headings), cycle.startYear, false);
    const filters: RowFilter = { classification: layout.classification, programId: program?.id ?? null, scope };
    const doc = await this.produce(fileName, o.format, false, fixedDate, async (out, tx) => {
      const rows = this.officialRows.cycleCommitmentRows(tx, { cycleId: cycle.id, institutionId, nameDate: today }, filters);
      return this.write(o.format, out, layout.kind, header, documentEvents(layout, [cycle.label], rows), fixedDate);
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
    const acronym = institutionId ? await this.records.institutionAcronym(institutionId) : undefined;
    const scope = this.policy.scope(o.actor, 'read', 'Report');
    const today = this.clock.today();
    const fileName = `Datos abiertos ASM - ${acronym ?? 'todas las instituciones'} - histórico al ${today}.csv`;
    const doc = await this.produce(fileName, 'csv', false, this.clock.now(), async (out, tx) => {
      const rows = this.officialRows.openDataHistory(tx, institutionId, { classification: null, programId: null, scope });
      await writeOpenDataHistory(out, rows, today);
      out.end();
    });
    this.metrics.documentsGenerated.inc({ kind: 'datos-abiertos-historico', format: 'csv' });
    return doc;
  }

  /** Writes a document from its rows; a PDF reads them here and gives back its rendering, to run after the read (readPdf). */
  private async write(
    format: DocumentFormat,
    out: Writable,
    kind: DocumentKind,
    header: ReturnType<typeof documentHeader>,
    events: ReturnType<typeof documentEvents>,
    fixedDate: Date,
  ): Promise<AfterRead | void> {
    const layout = LAYOUTS[kind];
    if (format === 'xlsx') {
      await writeXlsx(out, layout, header, events, fixedDate);
      return;
    }
    if (format === 'pdf') {
      const render = await readPdf(layout, header, events, fixedDate);
      return () => render(out);
    }
    await writeCsv(out, header, events);
    out.end();
  }

  /**
   * The institution a document is produced for: the one named (the deployment-wide role may name any; anyone else
   * only their own), else the actor's own (the system's: the default institution).
   */
  private async documentInstitution(actor: Actor, named: string | undefined): Promise<string> {
    if (named && !this.policy.institutionAllowed(actor, 'read', named)) {
      throw new ForbiddenError('read', 'Report', 'los documentos de otra institución solo los produce la consulta global');
    }
    const id = await this.records.institution(named ?? null, actor.institutionId);
    if (!id) throw new CatalogNotFoundError(CatalogErrorCode.InstitutionNotFound, named ?? '');
    return id;
  }

  /** One program of the document's institution: another institution's program is not found there. */
  private async program(id: string, institutionId: string | null): Promise<{ id: string; key: string }> {
    const p = await this.records.program(id, institutionId);
    if (!p) throw new CatalogNotFoundError(CatalogErrorCode.ProgramNotFound, id);
    return p;
  }

  /** Writes the document to a temporary file, hashing the bytes on the way. */
  private async produce(
    fileName: string,
    format: DocumentFormat,
    preview: boolean,
    fixedDate: Date,
    body: (out: PassThrough, tx: QueryRunner) => Promise<AfterRead | void>,
  ): Promise<GeneratedDocument> {
    const dir = join(tmpdir(), 'asm-documentos');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${randomUUID()}.${format}`);
    // A CSV is buffers streaming through, as an upload is (0050); the XLSX and the PDF build big JavaScript
    // structures, for which V8's own choice of heap headroom is faster (0025).
    const streamingEnded = format === 'csv' ? streamingBuffers() : undefined;
    // A PDF is laid out in a thread of its own, a few at a time (pdf.thread.ts): its turn comes before its rows are read.
    const pdfDone = format === 'pdf' ? await pdfTurn() : undefined;
    let streamedHash: string;
    try {
      streamedHash = await writeHashedFile(path, async (out) => {
        const afterRead = await this.officialRows.readConsistently((tx) => body(out, tx));
        if (afterRead) await afterRead();
      });
    } finally {
      streamingEnded?.();
      pdfDone?.();
    }
    // An XLSX is hashed again once its zip dates are fixed.
    let sha256 = streamedHash;
    if (format === 'xlsx') {
      await fixZipDates(path, fixedDate);
      const rehash = createHash('sha256');
      for await (const chunk of createReadStream(path)) rehash.update(chunk as Buffer);
      sha256 = rehash.digest('hex');
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
   * Records the SHA-256 of a closed cut's document the first time, and checks every later recording against it.
   * Bytes that differ because the format's writer changed since the record are an explained difference: the old
   * hash is kept as a revision with the reason, and the record moves to the new bytes. Any other difference is an
   * integrity error, logged, and the record is left as it was.
   */
  private async record(
    corteId: string,
    kind: string,
    format: DocumentFormat,
    programId: string | null,
    doc: GeneratedDocument,
  ): Promise<RecordedDocument['outcome']> {
    const version = WRITER_VERSION[format];
    const row = await this.records.recordProduction({ corteId, kind, format, programId, sha256: doc.sha256, sizeBytes: doc.sizeBytes, writerVersion: version });
    let outcome: RecordedDocument['outcome'] = 'registrado';
    if (row.sha256 !== doc.sha256 && row.writerVersion < version) {
      outcome = 'revisado';
      await this.records.revise(row, { sha256: doc.sha256, sizeBytes: doc.sizeBytes, writerVersion: version }, this.changesSince(format, row.writerVersion));
      this.logger.warn(
        { corteId, kind, format, programId, recorded: row.sha256, produced: doc.sha256, writerVersion: version },
        'Documento de corte cerrado producido con una versión nueva de su formato; la diferencia queda registrada',
      );
    } else if (row.sha256 !== doc.sha256) {
      outcome = 'distinto';
      this.logger.error({ corteId, kind, format, programId, recorded: row.sha256, produced: doc.sha256 }, 'Documento de corte cerrado distinto del registrado');
    } else if (row.writerVersion < version) {
      // The same bytes from the newer writer: the record now states it.
      await this.records.raiseWriterVersion(row.id, version);
    }
    await this.anchors.record('documento', `${kind}.${format}${programId ? ` programa ${programId}` : ''} corte ${corteId} sha256 ${doc.sha256}`);
    return outcome;
  }

  /** Compares a downloaded document of a closed cut with its record, and only logs a difference (a download never writes). */
  private async verify(corteId: string, kind: string, format: DocumentFormat, programId: string | null, doc: GeneratedDocument): Promise<void> {
    const row = await this.records.find(corteId, kind, format, programId);
    if (!row || row.sha256 === doc.sha256) return;
    const context = { corteId, kind, format, programId, recorded: row.sha256, produced: doc.sha256 };
    if (row.writerVersion < WRITER_VERSION[format]) {
      this.logger.warn(
        { ...context, writerVersion: WRITER_VERSION[format] },
        'Documento de corte cerrado producido con una versión nueva de su formato; falta registrar la diferencia',
      );
    } else {
      this.logger.error(context, 'Documento de corte cerrado distinto del registrado');
    }
  }

  private changesSince(format: DocumentFormat, from: number): string {
    const reasons: string[] = [];
    for (let v = from + 1; v <= WRITER_VERSION[format]; v++) reasons.push(`versión ${v}: ${WRITER_CHANGES[`${format}:${v}`]}`);
    return reasons.join(' ');
  }

  open(doc: GeneratedDocument): Readable {
    return createReadStream(doc.path, { highWaterMark: 1024 * 1024 });
  }
}
