import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { runMigrations } from '../src/database/migrate';
import { hashPassword } from '../src/modules/identity/passwords';
import { freezeSnapshotStatement } from '../src/modules/reporting/official-rows.repository';
import { Size } from './sizes';

export const BENCH_PASSWORD = 'Bench-ASM-2026';
/** The program with 500 ASMs of B3. */
export const BIG_PROGRAM = { modality: 'E', code: '999' };

function progress(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(
    `\r  ${label.padEnd(34)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round((done / total) * 100)).padStart(3)} %`,
  );
  if (done >= total) process.stderr.write('\n');
}

/** Texts of the SHCP open-data file (project fixture), so that lengths and accents are real. */
function shcpTexts(root: string): { asm: string[]; programs: string[]; institutions: string[] } {
  const rows = parse<Record<string, string>>(readFileSync(join(root, 'test', 'fixtures', 'shcp', 'aspectos_susceptibles_mejora.csv')), {
    columns: true,
    relax_column_count: true,
    bom: true,
  });
  const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.replace(/\s+/g, ' ').trim()).filter((x) => x.length > 3))];
  return { asm: uniq(rows.map((r) => r['...13'])), programs: uniq(rows.map((r) => r.DESC_PP)), institutions: uniq(rows.map((r) => r.DESC_DEP_ENT)) };
}

/**
 * Builds a database of the given size with bulk SQL (generate_series over the
 * SHCP texts). Generated history is loaded with triggers off (it is synthetic:
 * no bitácora for it); everything the benchmarks then do goes through the
 * application with triggers on.
 */
export async function generate(ownerUrl: string, appUrl: string, size: Size, root: string, today: string): Promise<void> {
  await runMigrations(ownerUrl, () => undefined, appUrl);
  const db = new Client({ connectionString: ownerUrl });
  await db.connect();
  const q = <T extends object = Record<string, unknown>>(sql: string, p: unknown[] = []) => db.query<T>(sql, p);
  const texts = shcpTexts(root);
  const steps = 12;
  let step = 0;
  const tick = (label: string) => progress(label, ++step, steps);
  try {
    await q(`SET session_replication_role = replica`);
    await q(`SET synchronous_commit = off`);
    await q(`CREATE TEMP TABLE t_asm(i int, t text); CREATE TEMP TABLE t_prog(i int, t text); CREATE TEMP TABLE t_inst(i int, t text)`);
    await q(`INSERT INTO t_asm SELECT ord::int - 1, t FROM unnest($1::text[]) WITH ORDINALITY AS u(t, ord)`, [texts.asm]);
    await q(`INSERT INTO t_prog SELECT ord::int - 1, t FROM unnest($1::text[]) WITH ORDINALITY AS u(t, ord)`, [texts.programs]);
    await q(`INSERT INTO t_inst SELECT ord::int - 1, t FROM unnest($1::text[]) WITH ORDINALITY AS u(t, ord)`, [texts.institutions]);
    const nAsm = texts.asm.length;
    tick('textos de SHCP');

    await q(`INSERT INTO ramos (code, name) SELECT lpad(g::text, 2, '0'), 'Ramo ' || g FROM generate_series(1, 60) g`);
    await q(
      `INSERT INTO institutions (acronym, name) SELECT 'INST' || g, (SELECT t FROM t_inst WHERE i = g % (SELECT count(*) FROM t_inst)) || ' (' || g || ')' FROM generate_series(1, 150) g`,
    );
    await q(
      `INSERT INTO programs (institution_id, ramo_code, modality, code, name)
       SELECT default_institution_id(), lpad((1 + g % 60)::text, 2, '0'),
              substr('SEUPKGB', 1 + (g / 60) % 7, 1), lpad((1 + (g / 420))::text, 3, '0'),
              (SELECT t FROM t_prog WHERE i = g % (SELECT count(*) FROM t_prog))
         FROM generate_series(0, $1 - 1) g`,
      [size.programs],
    );
    await q(
      `INSERT INTO programs (institution_id, ramo_code, modality, code, name)
       SELECT default_institution_id(), '01', $1, $2, 'Programa de referencia con 500 ASM'`,
      [BIG_PROGRAM.modality, BIG_PROGRAM.code],
    );
    await q(`INSERT INTO program_names (program_id, name, valid_from) SELECT id, name, '1900-01-01' FROM programs`);
    await q(`INSERT INTO areas (name, name_key) SELECT 'Área ' || lpad(g::text, 4, '0'), 'area ' || lpad(g::text, 4, '0') FROM generate_series(1, $1) g`, [
      size.areas,
    ]);
    await q(`INSERT INTO cycles (label, start_year) SELECT g || '-' || (g + 1), g FROM generate_series(2010, 2025) g`);
    tick('catálogos');

    // Users: one responsable per area, one coordinador per coordinating area, and one of each other role.
    const hash = await hashPassword(BENCH_PASSWORD);
    await q(
      `INSERT INTO users (email, full_name, roles, password_hash)
       SELECT 'responsable' || lpad(g::text, 4, '0') || '@bench.gob.mx', 'Responsable ' || g, '{responsable}', $1 FROM generate_series(1, $2) g`,
      [hash, size.areas],
    );
    await q(
      `INSERT INTO users (email, full_name, roles, password_hash)
       SELECT 'coordinador' || lpad(g::text, 4, '0') || '@bench.gob.mx', 'Coordinador ' || g, '{coordinador}', $1 FROM generate_series(1, $2) g`,
      [hash, size.coordinatingAreas],
    );
    await q(
      `INSERT INTO users (email, full_name, roles, password_hash) VALUES
         ('evaluacion@bench.gob.mx', 'Unidad de Evaluación', '{evaluacion}', $1), ('consulta@bench.gob.mx', 'Consulta', '{consulta}', $1)`,
      [hash],
    );
    await q(
      `INSERT INTO user_areas (user_id, area_id)
       SELECT u.id, a.id FROM users u JOIN areas a ON a.name = 'Área ' || substr(u.email, 12, 4) WHERE u.email LIKE 'responsable%'
       UNION ALL
       SELECT u.id, a.id FROM users u JOIN areas a ON a.name = 'Área ' || substr(u.email, 12, 4) WHERE u.email LIKE 'coordinador%'`,
    );
    tick('usuarios');

    // ASMs, over programs and cycles; the reference program gets 500 of its own.
    await q(`CREATE TEMP TABLE t_p AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM programs WHERE NOT (modality = $1 AND code = $2)`, [
      BIG_PROGRAM.modality,
      BIG_PROGRAM.code,
    ]);
    await q(`CREATE TEMP TABLE t_c AS SELECT row_number() OVER (ORDER BY start_year) - 1 AS i, id FROM cycles`);
    await q(`CREATE TEMP TABLE t_a AS SELECT row_number() OVER (ORDER BY name) - 1 AS i, id FROM areas`);
    const asmBatch = 10_000;
    for (let from = 0; from < size.asms; from += asmBatch) {
      await q(
        `INSERT INTO asms (program_id, cycle_id, text, classification, priority, improvement_type, coordinating_area_id, status, search_text)
         SELECT p.id, c.id, t.t,
                CASE WHEN g % 20 < 12 THEN 'especifico' WHEN g % 20 < 19 THEN 'institucional' ELSE 'interinstitucional' END,
                (ARRAY['alta','media','baja'])[1 + g % 3], (ARRAY['corrige','modifica','reorienta','adiciona','fundamenta'])[1 + g % 5],
                ca.id, CASE WHEN g % 10 = 0 THEN 'concluido' ELSE 'en_proceso' END, lower(t.t)
           FROM generate_series($1::int, $2::int) g
           JOIN t_p p ON p.i = g % (SELECT count(*) FROM t_p)
           JOIN t_c c ON c.i = 6 + g % 10
           JOIN t_asm t ON t.i = g % $3
           JOIN t_a ca ON ca.i = g % $4`,
        [from, Math.min(from + asmBatch, size.asms) - 1, nAsm, size.coordinatingAreas],
      );
      progress('ASM', Math.min(from + asmBatch, size.asms), size.asms);
    }
    await q(
      `INSERT INTO asms (program_id, cycle_id, text, classification, priority, coordinating_area_id, status, search_text)
       SELECT (SELECT id FROM programs WHERE modality = $1 AND code = $2), (SELECT id FROM cycles WHERE start_year = 2020 + g % 5),
              t.t, 'institucional', 'media', (SELECT id FROM t_a WHERE i = 0), 'en_proceso', lower(t.t)
         FROM generate_series(0, 499) g JOIN t_asm t ON t.i = (g * 7) % $3`,
      [BIG_PROGRAM.modality, BIG_PROGRAM.code, nAsm],
    );
    tick('ASM');

    // Actions: due dates spread around today (some overdue, some due soon); two responsible areas for one in three.
    await q(
      `INSERT INTO actions (asm_id, position, description, due_date, original_due_date, expected_results, products, percent,
                            proof_document_name, proof_document_location, observations, search_text)
       SELECT a.id, pos, t.t, d, d, 'Resultados esperados de la acción ' || pos, 'Documentos probatorios', 
              CASE WHEN a.status = 'concluido' THEN 100 ELSE (abs(hashtext(a.id::text || pos)) % 100) END,
              'Documento ' || pos, 'Se anexan documentos.', left(t.t, 300), lower(t.t)
         FROM asms a CROSS JOIN generate_series(1, $1) pos
         JOIN t_asm t ON t.i = abs(hashtext(a.id::text || 'x' || pos)) % $2
         CROSS JOIN LATERAL (SELECT ($3::date + ((abs(hashtext(a.id::text || pos)) % 900) - 300))::date AS d) dd`,
      [size.actionsPerAsm, nAsm, today],
    );
    tick('acciones');
    await q(
      `INSERT INTO action_areas (action_id, area_id, position)
       SELECT x.id, ar.id, 1 FROM actions x JOIN t_a ar ON ar.i = $1::int + abs(hashtext(x.id::text)) % ($2::int - $1::int)
       UNION ALL
       SELECT x.id, ar.id, 2 FROM actions x JOIN t_a ar ON ar.i = $1::int + (abs(hashtext(x.id::text)) + 7) % ($2::int - $1::int)
        WHERE abs(hashtext(x.id::text)) % 3 = 0`,
      [size.coordinatingAreas, size.areas],
    );
    await q(`UPDATE asms a SET concluded_at = now() WHERE status = 'concluido'`);
    tick('áreas responsables');

    // Cuts: four closed in the past (their avances), one closed for the documents (with its snapshot), one open.
    await q(
      `INSERT INTO cortes (year, month, cutoff_date, submission_deadline, status, opened_at, closed_at, snapshot_rows) VALUES
         (2024, 9, '2024-09-30', '2024-10-14', 'cerrado', now(), now(), 0), (2025, 3, '2025-03-31', '2025-04-14', 'cerrado', now(), now(), 0),
         (2025, 9, '2025-09-30', '2025-10-14', 'cerrado', now(), now(), 0), (2026, 3, '2026-03-31', '2026-04-14', 'cerrado', now(), now(), 0)`,
    );
    const { rows: ac } = await q<{ n: number }>(`SELECT count(*)::int AS n FROM actions`);
    for (let k = 0; k < size.avancesPerAction; k++) {
      await q(
        `INSERT INTO avances (action_id, corte_id, percent, observations, proof_document_name, status, submitted_at, reviewed_at)
         SELECT x.id, c.id, greatest(0, x.percent - ($1::int * 10)), 'Avance reportado en el corte', 'Documento', 'aprobado', now(), now()
           FROM actions x, (SELECT id FROM cortes WHERE status = 'cerrado' ORDER BY year, month OFFSET $1 LIMIT 1) c`,
        [k],
      );
      progress('avances', (k + 1) * ac[0].n, size.avancesPerAction * ac[0].n);
    }
    tick('avances');
    if (size.evidencePerAction > 0) {
      await q(
        `INSERT INTO evidence_files (sha256, size_bytes, mime_type, display_name, storage_backend, storage_key, action_id, avance_id)
         SELECT encode(sha256(v.id::text::bytea), 'hex'), 100000 + abs(hashtext(v.id::text)) % 900000, 'application/pdf', 'Evidencia.pdf', 'disk',
                'sha256/00/00/' || encode(sha256(v.id::text::bytea), 'hex'), v.action_id, v.id
           FROM (SELECT DISTINCT ON (action_id) id, action_id FROM avances ORDER BY action_id, created_at DESC) v`,
      );
    }
    tick('evidencias (metadatos)');
    await q(`RESET session_replication_role`);

    // The cut of the documents: closed with its snapshot; then the open cut of B5/B6.
    const { rows: cs } = await q<{ id: string }>(
      `INSERT INTO cortes (year, month, cutoff_date, submission_deadline, status, opened_at) VALUES (2026, 9, '2026-09-30', '2026-10-14', 'abierto', now()) RETURNING id`,
    );
    await q('BEGIN');
    const freeze = freezeSnapshotStatement({
      id: cs[0].id,
      year: 2026,
      month: 9,
      cutoffDate: '2026-09-30',
      // Every institution's rows, as the benchmark's documents have always held.
      institutionId: null,
    });
    await q(freeze.text, freeze.params);
    await q(
      `UPDATE cortes SET status = 'cerrado', closed_at = date_trunc('second', now()), snapshot_rows = (SELECT count(*) FROM corte_snapshot_rows WHERE corte_id = $1),
              document_settings = jsonb_build_object('institutionName', 'Institución de referencia', 'headings', '{}'::jsonb,
                'cycles', (SELECT jsonb_agg(label ORDER BY start_year DESC) FROM cycles)) WHERE id = $1`,
      [cs[0].id],
    );
    await q('COMMIT');
    tick('instantánea del corte');
    // The open cut of B5 and B6, its submission deadline a week away.
    await q(`INSERT INTO cortes (year, month, cutoff_date, submission_deadline, status, opened_at) VALUES ($1, $2, $3, $3::date + 7, 'abierto', now())`, [
      Number(today.slice(0, 4)),
      Number(today.slice(5, 7)),
      today,
    ]);
    await q(`INSERT INTO settings (key, value) VALUES ('institucion.nombre', '"Institución de referencia"'), ('bench.size', $1::jsonb)`, [
      JSON.stringify(size.name),
    ]);
    tick('corte abierto');
    await q('ANALYZE');
    tick('estadísticas (ANALYZE)');
  } finally {
    await db.end();
  }
}
