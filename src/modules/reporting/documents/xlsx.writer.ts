import { type EventEmitter, once } from 'node:events';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { lazy } from '../../../common/lazy';
import { collectGarbage } from '../../../common/memory';
import type { HeadingKey } from './headings';
import { ASM_SPAN, Layout, PROGRAM_SPAN } from './layout';
import { DocEvent, DocumentHeader, PREVIEW_NOTICE } from './model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const exceljs = lazy(() => require('exceljs') as typeof ExcelJS);
// exceljs' own range class (lib/doc/range.js, exceljs 4.4), for recordMerge() below.
type RangeClass = new (top: number, left: number, bottom: number, right: number) => object;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Range = lazy(() => require('exceljs/lib/doc/range') as RangeClass);

/**
 * Records a merged range. The streaming writer's own mergeCells needs the
 * rows still in memory (it links every covered cell to the first) and checks
 * the range against every earlier merge, which made a 54,000-row document
 * quadratic (20 s instead of 5). Here each row is written and committed as it
 * comes, the covered cells already empty (a styled empty cell is exactly what
 * a merged-away cell is in the file), and the range only goes into the list of
 * merges the sheet ends with. The ranges never overlap by construction (one per
 * program and column, one per ASM and column, one per full-width line).
 */
function recordMerge(ws: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): void {
  (ws as unknown as { _merges: object[] })._merges.push(new (Range())(top, left, bottom, right));
}

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const WRAP_TOP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

/**
 * Columns written as typed cells (numbers and dates a spreadsheet can sort and
 * compute with) instead of the text the other writers print. Each number
 * format displays exactly that text: 98 as "98", 30/09/2022 as "30/09/2022",
 * 0.98 as "98.00%".
 */
const TYPED: Partial<Record<HeadingKey, { numFmt: string; value(text: string): number | Date }>> = {
  avance: { numFmt: '0', value: (text) => Number(text) },
  // A date cell holds no time zone: midnight UTC is the day itself (exceljs converts dates as UTC).
  fechaTermino: {
    numFmt: 'dd/mm/yyyy',
    value: (text) => new Date(Date.UTC(Number(text.slice(6, 10)), Number(text.slice(3, 5)) - 1, Number(text.slice(0, 2)))),
  },
  // '98.00%' as the fraction 0.98; the exponent shift keeps the nearest double to the decimal text.
  promedio: { numFmt: '0.00%', value: (text) => Number(`${text.replace(/%$/, '')}e-2`) },
};

/**
 * exceljs pushes the sheet's XML into the zip's compressor without waiting
 * for it (a 54,000-row sheet left 64 MB queued there). Every this many rows
 * the writer looks at the compressor's queue and, past SINK_LIMIT bytes, waits
 * for it to drain: memory stays flat while writing and compressing overlap.
 */
const CHECK_ROWS = 200;
const SINK_LIMIT = 4 * 1024 * 1024;
/** A full garbage collection every this many rows keeps a big workbook's peak memory near what it holds (~50 ms each). */
const COLLECT_ROWS = 10_000;

/** What the sheet's XML is queued in on its way to the compressor (exceljs 4.4 with archiver 5: the worksheet stream's pipe), if found. */
interface Sink extends EventEmitter {
  _writableState: { length: number; needDrain: boolean };
}
function sheetSink(ws: ExcelJS.Worksheet): Sink | undefined {
  const sink = (ws as unknown as { _stream?: { pipes?: Partial<Sink>[] } })._stream?.pipes?.[0];
  return typeof sink?._writableState?.length === 'number' && typeof sink.once === 'function' ? (sink as Sink) : undefined;
}

/**
 * The official format as XLSX, written with exceljs' streaming writer: rows
 * are committed as they come (memory stays flat at any size), merged cells for
 * No./Programa over a program's rows and ASM/Área Coordinadora/Promedio over
 * an ASM's rows, wrapped text, column widths, landscape legal page set up to
 * fit the width and repeat the heading row on every printed page.
 *
 * `fixedDate` goes into the document properties; the caller then stamps the
 * zip entries with it (zip-dates.ts), so a closed cut's workbook is
 * byte-identical each time it is produced.
 */
export async function writeXlsx(out: Writable, l: Layout, h: DocumentHeader, events: AsyncIterable<DocEvent>, fixedDate: Date): Promise<void> {
  const wb = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
  wb.created = fixedDate;
  wb.modified = fixedDate;
  wb.creator = 'asm-seguimiento';

  const n = l.columns.length;
  const ws = wb.addWorksheet(l.progress ? 'Avance' : 'Documento', {
    pageSetup: {
      orientation: 'landscape',
      paperSize: 5 as ExcelJS.PaperSize,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.3, right: 0.3, top: 0.4, bottom: 0.6, header: 0.2, footer: 0.2 },
    },
    headerFooter: { oddFooter: `&L&8${h.yearLine}&R&8Página &P de &N` },
  });
  ws.columns = l.widths.map((width) => ({ width }));
  // Every row is committed (written out) as soon as it is added: memory stays flat whatever the size of a program.
  let rowNo = 0;
  const add = (values: (string | number | Date | null)[], style?: (r: ExcelJS.Row) => void): void => {
    const row = ws.addRow(values);
    rowNo = row.number;
    style?.(row);
    row.commit();
  };
  const mergeAcross = (text: string, font: Partial<ExcelJS.Font>, align: Partial<ExcelJS.Alignment>) => {
    add([text], (r) => {
      r.getCell(1).font = font;
      r.getCell(1).alignment = align;
    });
    recordMerge(ws, rowNo, 1, rowNo, n);
  };

  for (const line of h.titleLines) mergeAcross(line, { bold: true, size: 11 }, { horizontal: 'center', wrapText: true });
  if (h.preview) mergeAcross(PREVIEW_NOTICE, { bold: true, color: { argb: 'FFC00000' } }, { horizontal: 'center' });
  add([]);

  const programCols = PROGRAM_SPAN.map((k) => l.columns.indexOf(k) + 1).filter((c) => c > 0);
  const asmCols = ASM_SPAN.map((k) => l.columns.indexOf(k) + 1).filter((c) => c > 0);
  let programStart = 0;
  const closeProgram = () => {
    if (programStart && rowNo > programStart) for (const c of programCols) recordMerge(ws, programStart, c, rowNo, c);
    programStart = 0;
  };

  let headingPending = false;
  let headingRowSet = false;
  let checked = 0;
  let collected = 0;
  const heading = () => {
    if (!headingPending) return;
    headingPending = false;
    add(h.headings, (r) => {
      r.height = 30;
      r.eachCell((c) => {
        c.font = { bold: true, size: 8 };
        c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
        c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
        c.border = BORDER;
      });
    });
    // The first heading row repeats on every printed page.
    if (!headingRowSet) {
      ws.pageSetup.printTitlesRow = `${rowNo}:${rowNo}`;
      headingRowSet = true;
    }
  };

  for await (const e of events) {
    if (e.t === 'section') {
      add([`Periodo ${e.label}`], (r) => (r.getCell(1).font = { bold: true, size: 10 }));
      // A cycle without vigente ASMs prints the sentence alone, without a heading row.
      headingPending = true;
    } else if (e.t === 'empty') {
      headingPending = false;
      mergeAcross(h.emptySentence, { size: 9 }, { wrapText: true });
    } else if (e.t === 'asm') {
      heading();
      const b = e.block;
      if (b.programStarts) closeProgram();
      const asmStart = rowNo + 1;
      b.cells.forEach((cells, i) => {
        const values = cells.map((v, c) => {
          // Covered by the ASM's or the program's merged cell: empty, styled like the rest.
          if (i > 0 && asmCols.includes(c + 1)) return null;
          if ((i > 0 || !b.programStarts) && programCols.includes(c + 1)) return null;
          const typed = TYPED[l.columns[c]];
          return typed && v !== '' ? typed.value(v) : v;
        });
        add(values, (r) => {
          for (let c = 1; c <= n; c++) {
            const cell = r.getCell(c);
            cell.alignment = WRAP_TOP;
            cell.border = BORDER;
            cell.font = { size: 8 };
            const typed = TYPED[l.columns[c - 1]];
            if (typed) cell.numFmt = typed.numFmt;
          }
        });
      });
      if (b.programStarts) programStart = asmStart;
      if (rowNo > asmStart) for (const c of asmCols) recordMerge(ws, asmStart, c, rowNo, c);
      if (rowNo - collected >= COLLECT_ROWS) {
        collected = rowNo;
        collectGarbage();
      }
      if (rowNo - checked >= CHECK_ROWS) {
        checked = rowNo;
        const sink = sheetSink(ws);
        if (sink && sink._writableState.needDrain && sink._writableState.length > SINK_LIMIT) await once(sink, 'drain');
      }
    } else {
      closeProgram();
    }
  }
  add([]);
  add([h.footer], (r) => {
    r.height = 36;
    r.getCell(1).font = { size: 8 };
    r.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  });
  recordMerge(ws, rowNo, 1, rowNo, n);
  add([]);
  add([h.yearLine], (r) => (r.getCell(1).font = { size: 8 }));
  ws.commit();
  await wb.commit();
}
