import { Transform, TransformCallback } from 'node:stream';
import type { Writable } from 'node:stream';
import type { SnapshotCsvSource } from '../official-rows.repository';
import { csvLine, writeChunk } from './csv.writer';
import { DocumentHeader, PREVIEW_NOTICE } from './model';

/**
 * COPY writes records ending in LF and starting with the row's program id; the document's CSV (RFC 4180, as
 * writeCsv) ends them in CRLF and starts them with the program's number in its cycle, which grows each time
 * the program changes from one row to the next (as documentEvents numbers them). Line breaks inside quoted
 * fields stay as they are, as writeCsv leaves them. One instance per cycle: numbers restart with it.
 */
class DocumentRecords extends Transform {
  private quoted = false;
  private atRecordStart = true;
  /** A record's start whose first field did not end in its chunk: read again with the next one. */
  private carry: Buffer | undefined;
  private program: Buffer | undefined;
  private no = 0;
  private noText = Buffer.alloc(0);

  override _transform(input: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const chunk = this.carry ? Buffer.concat([this.carry, input]) : input;
    this.carry = undefined;
    const parts: Buffer[] = [];
    let from = 0;
    let at = 0;
    // Jumps between quotes and line feeds (indexOf is a native scan), never over the same bytes twice.
    let nextQuote = chunk.indexOf(0x22, at);
    while (at < chunk.length) {
      if (this.atRecordStart) {
        // The program id (a UUID, never quoted) up to the first comma becomes the program's number.
        const comma = chunk.indexOf(0x2c, at);
        if (comma < 0) {
          this.carry = Buffer.from(chunk.subarray(at));
          from = chunk.length;
          break;
        }
        const program = chunk.subarray(at, comma);
        if (!this.program || !program.equals(this.program)) {
          this.program = Buffer.from(program);
          this.noText = Buffer.from(String(++this.no));
        }
        parts.push(this.noText);
        from = at = comma;
        this.atRecordStart = false;
        continue;
      }
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
        this.atRecordStart = true;
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

  /** COPY ends every record with a line feed: anything else at the end is a stream cut short. */
  override _flush(done: TransformCallback): void {
    done(this.carry || this.quoted || !this.atRecordStart ? new Error('COPY terminó a mitad de un registro del CSV.') : null);
  }
}
const CRLF = Buffer.from('\r\n');

/**
 * The official CSV of a closed cut, straight from its snapshot: the same bytes
 * writeCsv produces from the rows (a test holds the two to it), but each
 * cycle's rows are formatted by PostgreSQL's COPY (the cells of `source`, in
 * the layout's columns) and streamed through, which is what a whole
 * institution's document needs to come out at the speed of the database.
 */
export async function writeSnapshotCsv(source: SnapshotCsvSource, out: Writable, h: DocumentHeader, cycles: string[]): Promise<void> {
  let head = '\ufeff';
  for (const line of h.titleLines) head += csvLine([line]);
  if (h.preview) head += csvLine([PREVIEW_NOTICE]);
  await writeChunk(out, head);
  for (const label of cycles) {
    await writeChunk(out, csvLine([]) + csvLine([`Periodo ${label}`]));
    const copy = source.cycleRecords(label);
    const records = new DocumentRecords();
    copy.once('error', (err) => records.destroy(err));
    // The heading row comes with the cycle's first record; a cycle without any prints the sentence alone.
    let any = false;
    for await (const chunk of copy.pipe(records)) {
      if ((chunk as Buffer).length === 0) continue;
      if (!any) await writeChunk(out, csvLine(h.headings));
      any = true;
      await writeChunk(out, chunk as Buffer);
    }
    if (!any) await writeChunk(out, csvLine([h.emptySentence]));
  }
  await writeChunk(out, csvLine([]) + csvLine([h.footer]) + csvLine([h.yearLine]));
}
