import type { Writable } from 'node:stream';
import { ASM_SPAN, Layout, PROGRAM_SPAN } from './layout';
import { AsmBlock, DocEvent, DocumentHeader, PREVIEW_NOTICE } from './model';
import { pdfmakePaths, renderPdfInThread } from './pdf.thread';

/** Legal paper, landscape (points). */
const PAGE_WIDTH = 1008;
const MARGIN_X = 24;

type Cell = Record<string, unknown> | string;

/** The table body of one section: heading row, then rows with rowSpan over programs and ASMs. */
function sectionTable(l: Layout, h: DocumentHeader, blocks: AsmBlock[]): Cell[][] {
  const programCols = PROGRAM_SPAN.map((k) => l.columns.indexOf(k)).filter((c) => c >= 0);
  const asmCols = ASM_SPAN.map((k) => l.columns.indexOf(k)).filter((c) => c >= 0);
  const body: Cell[][] = [h.headings.map((text) => ({ text, style: 'th' }))];
  // Rows per program, to span No. and Programa over them.
  const programRows: number[] = [];
  for (const b of blocks) {
    if (b.programStarts || programRows.length === 0) programRows.push(0);
    programRows[programRows.length - 1] += b.cells.length;
  }
  let program = -1;
  for (const b of blocks) {
    if (b.programStarts || program < 0) program += 1;
    b.cells.forEach((cells, i) => {
      body.push(
        cells.map((text, c) => {
          if (programCols.includes(c)) {
            if (i === 0 && b.programStarts) return { text, rowSpan: programRows[program] };
            return '';
          }
          if (asmCols.includes(c)) return i === 0 ? { text, rowSpan: b.cells.length } : '';
          return { text };
        }),
      );
    });
  }
  return body;
}

/**
 * The official format as PDF (pdfmake): landscape, the heading row repeated on
 * every page, long cells continuing onto the next page, and the footer with
 * the Año de elaboración and the page number on every page. With a fixed
 * date the bytes are identical every time (pdfkit derives the file id from it).
 *
 * Two steps: this reads every row (pdfmake lays out the whole document at
 * once) and gives back the step that renders it into `out`, which the caller
 * runs once it no longer needs the rows' read transaction: a whole
 * institution's PDF takes minutes to render, longer than a transaction may
 * sit idle. The rendering runs in a worker thread (pdf.thread.ts), off the
 * event loop.
 */
export async function readPdf(l: Layout, h: DocumentHeader, events: AsyncIterable<DocEvent>, fixedDate: Date): Promise<(out: Writable) => Promise<void>> {
  const usable = PAGE_WIDTH - 2 * MARGIN_X - l.columns.length * 4;
  const total = l.widths.reduce((a, b) => a + b, 0);
  const widths = l.widths.map((w) => Math.floor((w / total) * usable));
  const content: unknown[] = h.titleLines.map((text, i) => ({ text, style: i === 0 ? 'title' : 'subtitle' }));
  if (h.preview) content.push({ text: PREVIEW_NOTICE, style: 'preview' });
  let blocks: AsmBlock[] = [];
  let empty = false;
  for await (const e of events) {
    if (e.t === 'section') {
      content.push({ text: `Periodo ${e.label}`, style: 'section' });
      blocks = [];
      empty = false;
    } else if (e.t === 'empty') {
      empty = true;
    } else if (e.t === 'asm') {
      blocks.push(e.block);
    } else if (empty) {
      content.push({ text: h.emptySentence, style: 'empty' });
    } else {
      // Its lines (layout) are drawn by the thread that lays it out: functions do not cross into it.
      content.push({ table: { headerRows: 1, dontBreakRows: false, widths, body: sectionTable(l, h, blocks) } });
    }
  }
  const definition = {
    pageSize: 'LEGAL',
    pageOrientation: 'landscape',
    pageMargins: [MARGIN_X, h.preview ? 30 : 24, MARGIN_X, 64],
    info: {
      title: `${h.titleLines[2]} — ${h.titleLines[1]}`,
      author: h.titleLines[1] || 'asm-seguimiento',
      subject: h.titleLines[0],
      creator: 'asm-seguimiento',
      producer: 'asm-seguimiento',
    },
    header: h.preview ? { text: PREVIEW_NOTICE, style: 'preview', margin: [MARGIN_X, 10, MARGIN_X, 0] } : undefined,
    content,
    defaultStyle: { font: 'Roboto', fontSize: 6.5, lineHeight: 1.05 },
    styles: {
      title: { fontSize: 10, bold: true, alignment: 'center' },
      subtitle: { fontSize: 9, bold: true, alignment: 'center', margin: [0, 2, 0, 0] },
      preview: { fontSize: 8, bold: true, color: '#c00000', alignment: 'center' },
      section: { fontSize: 8.5, bold: true, margin: [0, 10, 0, 4] },
      th: { bold: true, fillColor: '#d9d9d9', alignment: 'center' },
      empty: { fontSize: 7.5, margin: [0, 2, 0, 2] },
    },
  };
  const job = { definition, fixedDate: fixedDate.toISOString(), footer: { text: h.footer, yearLine: h.yearLine, marginX: MARGIN_X }, ...pdfmakePaths() };
  return (out) => renderPdfInThread(job, out);
}
