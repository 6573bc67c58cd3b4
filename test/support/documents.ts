import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Pool } from 'pg';
import { format as formatNumber } from 'numfmt';
import type { Test } from 'supertest';
import { writeCsv } from '../../src/modules/reporting/documents/csv.writer';
import { DocumentsService, RecordedDocument } from '../../src/modules/reporting/documents/documents.service';
import { headingTexts, LAYOUTS } from '../../src/modules/reporting/documents/layout';
import { documentEvents, documentHeader, SNAPSHOT_SOURCE_COLUMNS, SourceRow } from '../../src/modules/reporting/documents/model';
import { RecordCutDocumentsJob } from '../../src/modules/reporting/documents/record-cut-documents.job';
import { OutboxRepository } from '../../src/queue/outbox.repository';
import type { TestApp } from './app';

/** The documents of record of a closed cut for the whole institution, as `kind.format` in order of kind and format. */
export const CUT_DOCUMENTS_OF_RECORD = [
  'avance-institucional.csv',
  'avance-institucional.pdf',
  'avance-institucional.xlsx',
  'avance-trabajo.csv',
  'avance-trabajo.pdf',
  'avance-trabajo.xlsx',
  'datos-abiertos.csv',
];

/** Collects a binary response body. */
export function binary(t: Test): Test {
  return t.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
}

export const squish = (s: unknown) =>
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any value a test compares (text, number, a cell's value) as String() writes it
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The text a spreadsheet displays for a cell: a number or a date rendered with the cell's number format
 * by numfmt (an implementation of Excel's format codes, independent of the writer), text as it is.
 */
export function displayedText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  // A date cell holds a serial day number; exceljs hands it back as a Date at midnight UTC.
  const n = v instanceof Date ? v.getTime() / 86_400_000 + 25569 : v;
  if (typeof n === 'number') return formatNumber(cell.numFmt || 'General', n);
  return squish(v);
}

/** Rows of the first worksheet as displayed text, merged cells read as their master's text (as a reader sees them). */
export async function xlsxRows(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const out: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getRow(r).getCell(c);
      row.push(squish(displayedText(cell.isMerged ? cell.master : cell)));
    }
    out.push(row);
  }
  return out;
}

export function csvRows(buf: Buffer): string[][] {
  return parse(buf, { bom: true, relax_column_count: true }).map((r) => r.map(squish));
}

export interface ParsedDocument {
  title: string[];
  periods: { periodo: string; sentence?: string; rows: Record<string, string>[] }[];
  footer: string[];
}

/** Reads a document laid out as the official format (title, sections, headings, rows, footer) back into data. */
export function readDocument(rows: string[][]): ParsedDocument {
  const doc: ParsedDocument = { title: [], periods: [], footer: [] };
  let headings: string[] | undefined;
  for (const row of rows) {
    const cells = row.filter((c, i) => c && row.indexOf(c) === i);
    if (cells.length === 0) continue;
    const first = cells[0];
    const periodo = /^Periodo (\d{4}-\d{4})$/.exec(first);
    if (periodo && cells.length === 1) {
      doc.periods.push({ periodo: periodo[1], rows: [] });
      headings = undefined;
      continue;
    }
    if (doc.periods.length === 0) {
      doc.title.push(first);
      continue;
    }
    if (first.startsWith('Formato oficial emitido') || first.startsWith('Año de elaboración')) {
      doc.footer.push(first);
      continue;
    }
    const current = doc.periods[doc.periods.length - 1];
    if (row[0] === 'No.') {
      headings = row;
      continue;
    }
    if (!headings) {
      current.sentence = first;
      continue;
    }
    current.rows.push(Object.fromEntries(headings.map((h, i) => [h, row[i] ?? ''])));
  }
  return doc;
}

/** Rows held in memory as the document writers read them (an async iterable). */
export function fromMemory<T>(rows: T[]): AsyncIterable<T> {
  const it = rows[Symbol.iterator]();
  return { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(it.next()) }) };
}

/**
 * What the worker does once a cut closes (RecordCutDocumentsJob on the 'corte.cerrado' event), run in the test's
 * API context without Redis: the closed cut's seven documents of record produced and recorded.
 */
export async function recordClosedCut(t: TestApp, corteId: string): Promise<RecordedDocument[]> {
  const { rows } = await t.db.query(`SELECT id FROM outbox WHERE event_type = 'corte.cerrado' AND payload->>'corteId' = $1`, [corteId]);
  if (rows.length !== 1) throw new Error(`El corte ${corteId} no tiene su evento corte.cerrado (${rows.length}).`);
  const job = new RecordCutDocumentsJob(t.app.get(DocumentsService), t.app.get(OutboxRepository));
  return job.handle({ corteId, outboxId: Number(rows[0].id) });
}

/**
 * A closed cut's avance document in CSV as writeCsv gives it from the cut's snapshot rows (the reference for the CSV
 * that PostgreSQL's COPY formats): every row of the document's classification, or only those of one coordinating area.
 */
export async function csvFromSnapshotRows(
  db: Pool,
  corteId: string,
  kind: 'avance-institucional' | 'avance-trabajo',
  coordinatingAreaId?: string,
): Promise<Buffer> {
  const [corte] = (await db.query(`SELECT year, document_settings FROM cortes WHERE id = $1`, [corteId])).rows;
  const layout = LAYOUTS[kind];
  const header = documentHeader(layout, corte.document_settings.institutionName, headingTexts(layout, corte.document_settings.headings), corte.year, false);
  const rows = (
    await db.query(
      `SELECT ${SNAPSHOT_SOURCE_COLUMNS} FROM corte_snapshot_rows
       WHERE corte_id = $1 AND classification = $2 AND ($3::uuid IS NULL OR coordinating_area_id = $3) ORDER BY row_order`,
      [corteId, layout.classification, coordinatingAreaId ?? null],
    )
  ).rows as SourceRow[];
  const chunks: Buffer[] = [];
  await writeCsv(
    new Writable({ write: (chunk, _e, done) => (chunks.push(Buffer.from(chunk)), done()) }),
    header,
    documentEvents(layout, corte.document_settings.cycles, fromMemory(rows)),
  );
  return Buffer.concat(chunks);
}
