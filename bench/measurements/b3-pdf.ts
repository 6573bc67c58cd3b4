import { Writable } from 'node:stream';
import { headingTexts, LAYOUTS } from '../../src/modules/reporting/documents/layout';
import { documentEvents, documentHeader, SourceRow } from '../../src/modules/reporting/documents/model';
import { readPdf } from '../../src/modules/reporting/documents/pdf.writer';
import { BIG_PROGRAM } from '../generate';
import { BenchContext, documentUrl, download, Measurement, snapshotRows } from '../context';
import { one } from '../database';
import { fmt, measure, say, timed } from '../util';

/** What a closed cut froze of the settings its documents print. */
interface FrozenSettings {
  institutionName: string;
  cycles: Parameters<typeof documentEvents>[1];
}

/** B3: the official PDF of the program with 500 ASMs, against pdfmake writing the same rows from memory. */
export const b3Pdf: Measurement = {
  id: 'B3',
  async run(ctx: BenchContext) {
    say('B3: PDF de un programa con 500 ASM …');
    const { owner, closedId } = ctx;
    const prog = await one<{ id: string }>(owner, `SELECT id FROM programs WHERE modality = $1 AND code = $2`, [BIG_PROGRAM.modality, BIG_PROGRAM.code]);
    const rows = await snapshotRows(owner, closedId, prog.id);
    const frozen = (await one<{ document_settings: FrozenSettings }>(owner, `SELECT document_settings FROM cortes WHERE id = $1`, [closedId]))
      .document_settings;
    const layout = LAYOUTS['avance-institucional'];
    /** The rows as the writers take them (an async iterable), straight from memory. */
    const fromMemory = (): AsyncIterable<SourceRow> => {
      const it = rows[Symbol.iterator]();
      return { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(it.next()) }) };
    };
    const header = documentHeader(layout, frozen.institutionName, headingTexts(layout, {}), 2026, false);
    const base3 = await timed(() =>
      readPdf(layout, header, documentEvents(layout, frozen.cycles, fromMemory()), new Date()).then((render) =>
        render(new Writable({ write: (_c, _e, cb) => cb() })),
      ),
    );
    // As in B1: pdfmake loads on the first PDF asked.
    const small = await one<{ id: string }>(owner, `SELECT program_id AS id FROM corte_snapshot_rows WHERE corte_id = $1 AND program_id <> $2 LIMIT 1`, [
      closedId,
      prog.id,
    ]);
    await download(documentUrl(ctx, 'pdf', small.id), ctx.evaluacion);
    const ours = await measure(ctx.api.pid, () => download(documentUrl(ctx, 'pdf', prog.id), ctx.evaluacion));
    const ratio = ours.ms / base3.ms;
    return {
      id: 'B3',
      what: `PDF oficial de un programa con 500 ASM (${fmt(rows.length)} filas)`,
      measured: `${fmt(ours.ms)} ms; RSS máx. ${fmt(ours.rssPeak)} MB`,
      baseline: `${fmt(base3.ms)} ms (pdfmake en memoria)`,
      ratio,
      target: '≤ 1.2×',
      pass: ratio <= 1.2,
      detail: { bytes: ours.result },
    };
  },
};
