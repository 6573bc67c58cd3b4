import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ASM_SPAN, Layout, PROGRAM_SPAN } from './layout';
import { DocEvent, DocumentHeader, PREVIEW_NOTICE } from './model';

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const WRAP_TOP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

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
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
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
  // Rows stay uncommitted until their merges are known (the streaming writer cannot merge committed rows);
  // they are committed group by group, so memory holds at most one program's rows.
  let rowNo = 0;
  const add = (values: (string | number)[], style?: (r: ExcelJS.Row) => void): ExcelJS.Row => {
    const row = ws.addRow(values);
    rowNo = row.number;
    style?.(row);
    return row;
  };
  let committed = 0;
  const commit = () => {
    if (rowNo > committed) {
      ws.getRow(rowNo).commit();
      committed = rowNo;
    }
  };
  const mergeAcross = (text: string, font: Partial<ExcelJS.Font>, align: Partial<ExcelJS.Alignment>) => {
    add([text], (r) => {
      r.getCell(1).font = font;
      r.getCell(1).alignment = align;
    });
    ws.mergeCells(rowNo, 1, rowNo, n);
    commit();
  };

  for (const line of h.titleLines) mergeAcross(line, { bold: true, size: 11 }, { horizontal: 'center', wrapText: true });
  if (h.preview) mergeAcross(PREVIEW_NOTICE, { bold: true, color: { argb: 'FFC00000' } }, { horizontal: 'center' });
  add([]);
  commit();

  const programCols = PROGRAM_SPAN.map((k) => l.columns.indexOf(k) + 1).filter((c) => c > 0);
  const asmCols = ASM_SPAN.map((k) => l.columns.indexOf(k) + 1).filter((c) => c > 0);
  let programStart = 0;
  const closeProgram = () => {
    if (programStart && rowNo > programStart) for (const c of programCols) ws.mergeCells(programStart, c, rowNo, c);
    programStart = 0;
    commit();
  };

  let headingPending = false;
  let headingRowSet = false;
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
    commit();
  };

  for await (const e of events) {
    if (e.t === 'section') {
      add([`Periodo ${e.label}`], (r) => (r.getCell(1).font = { bold: true, size: 10 }));
      commit();
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
          if (i > 0 && asmCols.includes(c + 1)) return '';
          if ((i > 0 || !b.programStarts) && programCols.includes(c + 1)) return '';
          return v;
        });
        add(values, (r) => {
          for (let c = 1; c <= n; c++) {
            const cell = r.getCell(c);
            cell.alignment = WRAP_TOP;
            cell.border = BORDER;
            cell.font = { size: 8 };
          }
        });
      });
      if (b.programStarts) programStart = asmStart;
      if (rowNo > asmStart) for (const c of asmCols) ws.mergeCells(asmStart, c, rowNo, c);
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
  ws.mergeCells(rowNo, 1, rowNo, n);
  add([]);
  add([h.yearLine], (r) => (r.getCell(1).font = { size: 8 }));
  commit();
  ws.commit();
  await wb.commit();
}
