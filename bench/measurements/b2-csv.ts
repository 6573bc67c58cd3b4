import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { BenchContext, documentUrl, download, Measurement } from '../context';
import { fmt, measure, say, timed } from '../util';

/** B2: the official CSV of a closed cut, the whole institution, against PostgreSQL's COPY of the same columns. */
export const b2Csv: Measurement = {
  id: 'B2',
  async run(ctx: BenchContext) {
    say('B2: CSV oficial del corte …');
    const copy = await timed(async () => {
      const c = new Client({ connectionString: ctx.ownerUrl });
      await c.connect();
      try {
        const stream = c.query(
          copyTo(
            `COPY (SELECT row_order, program_key || ' ' || program_name, asm_text, coordinating_area, action_description, responsible_areas, to_char(due_date, 'DD/MM/YYYY'),
                    expected_results, products, percent, proof_document_name, proof_document_location, observations, month_year, promedio || '%'
                   FROM corte_snapshot_rows WHERE corte_id = '${ctx.closedId}' AND classification = 'institucional' ORDER BY row_order) TO STDOUT WITH (FORMAT csv)`,
          ),
        );
        await pipeline(stream, createWriteStream('/dev/null'));
      } finally {
        await c.end();
      }
    });
    const ours = await measure(ctx.api.pid, () => download(documentUrl(ctx, 'csv'), ctx.evaluacion));
    const ratio = ours.ms / copy.ms;
    return {
      id: 'B2',
      what: 'CSV oficial de un corte, toda la institución',
      measured: `${fmt(ours.ms)} ms; RSS máx. ${fmt(ours.rssPeak)} MB`,
      baseline: `${fmt(copy.ms)} ms (COPY … TO STDOUT)`,
      ratio,
      target: '≤ 2×',
      pass: ratio <= 2,
      detail: { bytes: ours.result },
    };
  },
};
