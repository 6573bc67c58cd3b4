import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { BenchContext, documentUrl, download, Measurement } from '../context';
import { fmt, measure, percentile, say, timed } from '../util';

/** Rounds on each side: one download is 0.4-2 s, so a single one says more about the machine's other load than about the API. */
const ROUNDS = 5;

/**
 * B2: the official CSV of a closed cut, the whole institution, against PostgreSQL's COPY of the same columns.
 * The two sides alternate, ROUNDS each, and the ratio is of their medians.
 */
export const b2Csv: Measurement = {
  id: 'B2',
  async run(ctx: BenchContext) {
    say(`B2: CSV oficial del corte (${ROUNDS} rondas por lado, alternando) …`);
    const copyMs: number[] = [];
    const apiMs: number[] = [];
    let rssPeak = 0;
    let bytes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      copyMs.push((await timed(() => copyCsv(ctx))).ms);
      const ours = await measure(ctx.api.pid, () => download(documentUrl(ctx, 'csv'), ctx.evaluacion));
      apiMs.push(ours.ms);
      rssPeak = Math.max(rssPeak, ours.rssPeak);
      bytes = ours.result;
    }
    const api = percentile(apiMs, 50);
    const copy = percentile(copyMs, 50);
    const ratio = api / copy;
    return {
      id: 'B2',
      what: 'CSV oficial de un corte, toda la institución',
      measured: `mediana ${fmt(api)} ms (${fmt(Math.min(...apiMs))}–${fmt(Math.max(...apiMs))}); RSS máx. ${fmt(rssPeak)} MB`,
      baseline: `mediana ${fmt(copy)} ms (${fmt(Math.min(...copyMs))}–${fmt(Math.max(...copyMs))}; \`COPY … TO STDOUT\`)`,
      ratio,
      target: '≤ 2×',
      pass: ratio <= 2,
      detail: { bytes, rounds: ROUNDS, apiMs, copyMs },
    };
  },
};

/** The same columns of the same cut, formatted by PostgreSQL's COPY and thrown away. */
async function copyCsv(ctx: BenchContext): Promise<void> {
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
}
