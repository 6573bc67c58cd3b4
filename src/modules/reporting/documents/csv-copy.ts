import { Transform, TransformCallback } from 'node:stream';
import type { Readable, Writable } from 'node:stream';
import { escapeLiteral } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { neutralizeFormulaSql } from './csv-safety';
import { csvLine, writeChunk } from './csv.writer';
import type { HeadingKey } from './headings';
import type { Layout } from './layout';
import { DocumentHeader, PREVIEW_NOTICE } from './model';

/**
 * Each column of the official format as SQL over a snapshot row `s`: the same
 * text model.ts's cell() prints (`no` is the program's number in its section).
 * Empty texts become NULL so that COPY writes them unquoted, as csvField does;
 * texts are neutralised as csvField does (csv-safety.ts).
 */
const SNAPSHOT_CELL: Record<HeadingKey, string> = {
  no: 's.no::text',
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

export interface SnapshotFilter {
  corteId: string;
  classification: string | null;
  programId: string | null;
  scope: { all: boolean; coordinatingAreaIds: string[] };
}

interface CopyClient {
  query<T>(q: T): T;
  query(sql: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * COPY writes records ending in LF; the document's CSV (RFC 4180, as
 * writeCsv) ends them in CRLF. Line breaks inside quoted fields stay as they
 * are, as writeCsv leaves them.
 */
class CrlfRecords extends Transform {
  private quoted = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const parts: Buffer[] = [];
    let from = 0;
    let at = 0;
    // Jumps between quotes and line feeds (indexOf is a native scan), never over the same bytes twice.
    let nextQuote = chunk.indexOf(0x22, at);
    while (at < chunk.length) {
      if (this.quoted) {
        if (nextQuote < 0) break;
        this.quoted = false;
        at = nextQuote + 1;
        nextQuote = chunk.indexOf(0x22, at);
        continue;
      }
      const lf = chunk.indexOf(0x0a, at);
      if (lf >= 0 && (nextQuote < 0 || lf < nextQuote)) {
        parts.push(chunk.subarray(from, lf), CRLF);
        from = at = lf + 1;
      } else if (nextQuote >= 0) {
        this.quoted = true;
        at = nextQuote + 1;
        nextQuote = chunk.indexOf(0x22, at);
      } else {
        break;
      }
    }
    parts.push(chunk.subarray(from));
    done(null, Buffer.concat(parts));
  }
}
const CRLF = Buffer.from('\r\n');

/**
 * The official CSV of a closed cut, straight from its snapshot: the same bytes
 * writeCsv produces from the rows (a test holds the two to it), but each
 * cycle's rows are formatted by PostgreSQL's COPY and streamed through, which
 * is what a whole institution's document needs to come out at the speed of
 * the database. Runs on `client`, inside the caller's transaction.
 */
export async function writeSnapshotCsv(client: CopyClient, out: Writable, l: Layout, h: DocumentHeader, cycles: string[], f: SnapshotFilter): Promise<void> {
  const where = [
    `s.corte_id = ${escapeLiteral(f.corteId)}`,
    f.classification ? `s.classification = ${escapeLiteral(f.classification)}` : 'true',
    f.programId ? `s.program_id = ${escapeLiteral(f.programId)}` : 'true',
    f.scope.all ? 'true' : `s.coordinating_area_id = ANY(${escapeLiteral(`{${f.scope.coordinatingAreaIds.join(',')}}`)}::uuid[])`,
  ].join(' AND ');
  // Each cycle's rows are one range of row_order: found once, then read through the (corte_id, row_order) index.
  const { rows: ranges } = await client.query(
    `SELECT s.cycle_label AS label, min(s.row_order) AS first, max(s.row_order) AS last FROM corte_snapshot_rows s WHERE ${where} GROUP BY s.cycle_label`,
    [],
  );
  const rangeOf = new Map(ranges.map((r) => [r.label as string, r as { first: number; last: number }]));
  const columns = l.columns.map((c) => `NULLIF(${NOT_TEXT.has(c) ? SNAPSHOT_CELL[c] : neutralizeFormulaSql(SNAPSHOT_CELL[c])}, '')`).join(', ');

  let head = '\ufeff';
  for (const line of h.titleLines) head += csvLine([line]);
  if (h.preview) head += csvLine([PREVIEW_NOTICE]);
  await writeChunk(out, head);
  for (const label of cycles) {
    await writeChunk(out, csvLine([]) + csvLine([`Periodo ${label}`]));
    const range = rangeOf.get(label);
    if (!range) {
      await writeChunk(out, csvLine([h.emptySentence]));
      continue;
    }
    await writeChunk(out, csvLine(h.headings));
    // A program's number counts the program changes in row order, as documentEvents does.
    const copy = client.query(
      copyTo(
        `COPY (SELECT ${columns}
                 FROM (SELECT s.*, sum(s.starts) OVER (ORDER BY s.row_order) AS no
                         FROM (SELECT s.*, CASE WHEN s.program_id IS DISTINCT FROM lag(s.program_id) OVER (ORDER BY s.row_order) THEN 1 ELSE 0 END AS starts
                                 FROM corte_snapshot_rows s
                                WHERE ${where} AND s.row_order BETWEEN ${Number(range.first)} AND ${Number(range.last)} AND s.cycle_label = ${escapeLiteral(label)}) s) s
                ORDER BY s.row_order) TO STDOUT WITH (FORMAT csv)`,
      ),
    ) as unknown as Readable;
    const records = new CrlfRecords();
    copy.once('error', (err) => records.destroy(err));
    for await (const chunk of copy.pipe(records)) await writeChunk(out, chunk as Buffer);
  }
  await writeChunk(out, csvLine([]) + csvLine([h.footer]) + csvLine([h.yearLine]));
}
