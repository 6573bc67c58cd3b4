import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { neutralizeFormula } from './csv-safety';
import { DocEvent, DocumentHeader, PREVIEW_NOTICE } from './model';

/** RFC 4180 field: quoted when it holds a comma, a quote or a line break; a text that a spreadsheet would run as a formula is neutralised. */
export function csvField(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : neutralizeFormula(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * Writes a chunk, waiting for the destination to drain (memory stays flat on big documents). The wait ends with
 * 'drain' or rejects with 'error', and leaves no listener behind either way (a 37 MB CSV waits ~600 times).
 */
export async function writeChunk(out: Writable, chunk: string | Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * The official format as CSV: the same blocks as the printed document (title,
 * one section per cycle with its heading row or the empty-cycle sentence,
 * footer), one line per action with the program and ASM columns repeated on
 * every line. UTF-8 with BOM so that Excel opens the accents correctly.
 */
export async function writeCsv(out: Writable, h: DocumentHeader, events: AsyncIterable<DocEvent>): Promise<void> {
  let buf = '\ufeff';
  const flush = async (force = false) => {
    if (buf.length > 64 * 1024 || force) {
      await writeChunk(out, buf);
      buf = '';
    }
  };
  for (const line of h.titleLines) buf += csvLine([line]);
  if (h.preview) buf += csvLine([PREVIEW_NOTICE]);
  let headingPending = false;
  for await (const e of events) {
    if (e.t === 'section') {
      buf += csvLine([]) + csvLine([`Periodo ${e.label}`]);
      headingPending = true;
    } else if (e.t === 'empty') {
      buf += csvLine([h.emptySentence]);
    } else if (e.t === 'asm') {
      // A cycle without vigente ASMs prints the sentence alone, without a heading row.
      if (headingPending) buf += csvLine(h.headings);
      headingPending = false;
      for (const cells of e.block.cells) buf += csvLine(cells);
    }
    await flush();
  }
  buf += csvLine([]) + csvLine([h.footer]) + csvLine([h.yearLine]);
  await flush(true);
}
