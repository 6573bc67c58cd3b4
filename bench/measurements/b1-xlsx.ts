import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { LAYOUTS } from '../../src/modules/reporting/documents/layout';
import { BenchContext, documentUrl, download, Measurement, snapshotRows } from '../context';
import { one } from '../database';
import { fmt, measure, say, timed } from '../util';

/** B1: the official XLSX of a closed cut, the whole institution, against exceljs writing the same rows from memory. */
export const b1Xlsx: Measurement = {
  id: 'B1',
  async run(ctx: BenchContext) {
    say('B1: XLSX oficial del corte …');
    const { owner, closedId } = ctx;
    const rows = await snapshotRows(owner, closedId);
    const layout = LAYOUTS['avance-institucional'];
    const base1 = await timed(async () => {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream('/dev/null'), useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet('Avance');
      ws.columns = layout.widths.map((width) => ({ width }));
      for (const r of rows) {
        const row = ws.addRow([
          1,
          `${r.programKey} ${r.programName}`,
          r.asmText,
          r.coordinatingArea,
          r.actionDescription,
          r.responsibleAreas,
          r.dueDate ?? '',
          r.expectedResults,
          r.products,
          String(r.percent ?? ''),
          r.proofDocumentName,
          r.proofDocumentLocation,
          r.observations,
          r.monthYear,
          `${r.promedio}%`,
        ]);
        row.eachCell((c) => {
          c.alignment = { wrapText: true, vertical: 'top' };
          c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
          c.font = { size: 8 };
        });
        row.commit();
      }
      ws.commit();
      await wb.commit();
    });
    // A long-running API has loaded exceljs already (it loads on the first document asked): one small document first.
    const someProgram = await one<{ id: string }>(owner, `SELECT program_id AS id FROM corte_snapshot_rows WHERE corte_id = $1 LIMIT 1`, [closedId]);
    await download(documentUrl(ctx, 'xlsx', someProgram.id), ctx.evaluacion);
    const ours = await measure(ctx.api.pid, () => download(documentUrl(ctx, 'xlsx'), ctx.evaluacion));
    const ratio = ours.ms / base1.ms;
    return {
      id: 'B1',
      what: `XLSX oficial de un corte, toda la institución (${fmt(rows.length)} filas)`,
      measured: `${fmt(ours.ms)} ms; RSS máx. ${fmt(ours.rssPeak)} MB`,
      baseline: `${fmt(base1.ms)} ms (exceljs en memoria)`,
      ratio,
      target: '≤ 1.5× ; RSS ≤ 300 MB',
      pass: ratio <= 1.5 && ours.rssPeak <= 300,
      detail: { rows: rows.length, bytes: ours.result, rssBefore: ours.rssBefore },
    };
  },
};
