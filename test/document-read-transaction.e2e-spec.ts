import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DocumentsService } from '../src/modules/reporting/documents/documents.service';
import { appForTests, Client } from './support/app';
import { binary } from './support/documents';

/*
 * A document's rows are read in one read-only transaction, and PostgreSQL ends a session whose transaction
 * sits idle longer than DATABASE_IDLE_TRANSACTION_TIMEOUT_MS. A PDF is laid out only once every row is read,
 * which for a whole institution takes minutes: the rendering must come after the transaction, or the
 * download (and the recording of a closed cut's documents) fails with an internal error after all that work.
 * Here the timeout is 1.5 s: the other writers read their rows in batches and never sit idle that long,
 * and the PDF of ROWS rows takes longer than that to render.
 */
const IDLE_MS = 1500;
const ROWS = 3600;

describe('a document that takes longer to render than a transaction may sit idle', () => {
  const t = appForTests({ DATABASE_IDLE_TRANSACTION_TIMEOUT_MS: String(IDLE_MS) });
  let evaluacion: Client;
  let corteId: string;

  beforeAll(async () => {
    evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
    await evaluacion.post('/api/v1/cycles', { label: '2023-2024' }).expect(201);
    const c = (await evaluacion.post('/api/v1/cortes', { year: 2024, month: 3 }).expect(201)).body;
    const opened = (await evaluacion.post(`/api/v1/cortes/${c.id}/open`, { version: c.version }).expect(200)).body;
    await evaluacion.post(`/api/v1/cortes/${c.id}/close`, { version: opened.version, force: true }).expect(200);
    corteId = c.id;
    // ROWS rows, 3 per ASM and 30 per program, put in the closed cut's snapshot directly.
    await t.db.query(
      `INSERT INTO corte_snapshot_rows (corte_id, asm_id, cycle_label, cycle_start_year, classification, program_id, program_key, program_name, asm_text, asm_status,
         coordinating_area, action_description, responsible_areas, due_date, expected_results, products, percent, proof_document_name, proof_document_location,
         observations, month_year, promedio, row_order)
       SELECT $1, md5('asm' || (i / 3))::uuid, '2023-2024', 2023, 'institucional', md5('programa' || (i / 30))::uuid, 'S-' || lpad((i / 30)::text, 3, '0'),
              'Programa de apoyo número ' || (i / 30), 'Aspecto susceptible de mejora ' || (i / 3) || ': ' || repeat('mejorar la matriz de indicadores ', 4), 'en_proceso',
              'Dirección General de Evaluación', 'Acción ' || i || ': ' || repeat('revisar y actualizar el diagnóstico del programa ', 3), 'Dirección de Planeación',
              '2024-12-31', repeat('Resultado esperado del ejercicio ', 3), 'Documento de trabajo', 50, 'Informe ' || i, 'https://ejemplo.gob.mx/evidencias/' || i,
              'Sin observaciones', 'Marzo-2024', 50.00, i
         FROM generate_series(1, $2::int) AS i`,
      [corteId, ROWS],
    );
  });

  it('still gives the PDF: it renders after its rows’ transaction has ended', async () => {
    const started = Date.now();
    const res = await binary(evaluacion.get(`/api/v1/cortes/${corteId}/documents/avance-institucional?format=pdf`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The rendering took longer than the transaction may sit idle, so the test would fail with the rendering inside it.
    expect(Date.now() - started).toBeGreaterThan(IDLE_MS);
  });

  it('answers other requests while a PDF renders: the layout runs off the event loop', async () => {
    // The API runs in this process: the longest the event loop went without a turn during the download.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = Date.now();
    const res = await binary(evaluacion.get(`/api/v1/cortes/${corteId}/documents/avance-institucional?format=pdf`));
    const took = Date.now() - started;
    delay.disable();
    expect(res.status).toBe(200);
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    // Laid out on the event loop, the PDF held it for most of the download (> IDLE_MS, as above): nobody else
    // was answered meanwhile, not even /health. Off the loop, no stall comes near half of it.
    expect(took).toBeGreaterThan(IDLE_MS);
    expect(delay.max / 1e6).toBeLessThan(took / 2);
  });

  it('gives every PDF asked for at once, one after another in its turn, the same bytes each', async () => {
    const url = `/api/v1/cortes/${corteId}/documents/avance-institucional?format=pdf`;
    const answers = await Promise.all([1, 2, 3].map(() => binary(evaluacion.get(url))));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const [first, ...rest] = answers.map((r) => r.body as Buffer);
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    for (const other of rest) expect(other.equals(first)).toBe(true);
  });

  it('records the closed cut’s documents, the PDFs included, as the worker does once a cut closes', async () => {
    const recorded = await t.app.get(DocumentsService).recordCut(corteId);
    expect(recorded.filter((d) => d.format === 'pdf').map((d) => d.kind)).toEqual(['avance-institucional', 'avance-trabajo']);
    const rows = (await t.db.query(`SELECT kind, format FROM corte_documents WHERE corte_id = $1 AND format = 'pdf' ORDER BY kind`, [corteId])).rows;
    expect(rows).toEqual([
      { kind: 'avance-institucional', format: 'pdf' },
      { kind: 'avance-trabajo', format: 'pdf' },
    ]);
  });
});
