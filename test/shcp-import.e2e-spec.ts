import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { fingerprint } from './support/database';
import { Client, createTestApp, TestApp } from './support/app';

const FILE = readFileSync(join(__dirname, 'fixtures', 'shcp', 'aspectos_susceptibles_mejora.csv'));

/** An independent reading of the file: which rows are well formed, by the documented rules. */
function wellFormed(): { rows: Record<string, string>[]; badLines: number[] } {
  const recs = parse(FILE, { columns: true, relax_column_count: true, bom: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
  const rows: Record<string, string>[] = [];
  const badLines: number[] = [];
  const sq = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  for (const { record: r, info } of recs) {
    const ciclo = /^(\d{4})-(\d{4})$/.exec(sq(r.CICLO));
    const fecha = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(sq(r.FECHA_REPORTE));
    const avance = sq(r.AVANCE_ASM);
    const ok =
      ciclo && Number(ciclo[2]) === Number(ciclo[1]) + 1 &&
      /^\d{1,3}$/.test(sq(r.ID_RAMO)) &&
      /^[A-Z]\d{3}$/.test(sq(r.MODALIDAD_PP)) &&
      ['DESC_RAMO', 'ACRON_DEP_ENT', 'DESC_DEP_ENT', 'DESC_PP', 'ID_ASM', '...13'].every((k) => sq(r[k])) &&
      ['Específico', 'Institucional', 'Interinstitucional', 'Intergubernamental'].includes(sq(r.TIPO_ASM)) &&
      ['Alta', 'Media', 'Baja', 'N/D', 'No Aplica'].includes(sq(r.PRIORIDAD)) &&
      ['CONEVAL', 'SHCP', 'SFP'].includes(sq(r.INST_COORD)) &&
      (['CANCELADO', 'Cancelado', 'ASM dado de baja', 'FUSIONADO'].includes(avance) || (/^\d+(\.\d+)?$/.test(avance) && Number(avance) <= 100)) &&
      fecha && !Number.isNaN(Date.parse(`${fecha[3]}-${fecha[2]}-${fecha[1]}`)) && Number(fecha[2]) <= 12;
    if (ok) rows.push(r);
    else badLines.push(info.lines);
  }
  return { rows, badLines };
}

function countBy(rows: Record<string, string>[], f: (r: Record<string, string>) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[f(r)] = (out[f(r)] ?? 0) + 1;
  return out;
}

describe('importing SHCP open data', () => {
  let t: TestApp;
  let evaluacion: Client;
  const expected = wellFormed();

  beforeAll(async () => {
    t = await createTestApp();
    evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
  });

  afterAll(async () => {
    await t.close();
  });

  it('validates the whole file in a dry run, writing nothing', async () => {
    const before = await fingerprint(t.db);
    const res = await evaluacion.upload('/api/v1/imports/shcp?dryRun=true', FILE, 'aspectos_susceptibles_mejora.csv').expect(200);
    expect(res.body).toMatchObject({ dryRun: true, applied: false, rowsRead: 3547, asmsRead: expected.rows.length });
    expect(res.body.created.asms).toBe(expected.rows.length);
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it('imports every well-formed row and reports every other row with its reason', async () => {
    const res = await evaluacion.upload('/api/v1/imports/shcp', FILE, 'aspectos_susceptibles_mejora.csv').expect(200);
    expect(res.body).toMatchObject({ applied: true, rowsRead: 3547, asmsRead: expected.rows.length, created: { asms: expected.rows.length } });
    const reported = [...new Set((res.body.problems as { row: number }[]).map((p) => p.row))].sort((a, b) => a - b);
    expect(reported).toEqual(expected.badLines);
    expect(res.body.rowsSkipped).toBe(expected.badLines.length);
    expect(expected.rows.length + expected.badLines.length).toBe(3547);
    for (const p of res.body.problems as { problem: string }[]) expect(p.problem.length).toBeGreaterThan(10);

    const db = async (sql: string) => Object.fromEntries((await t.db.query(sql)).rows.map((r: { k: string; n: number }) => [r.k, r.n]));
    expect(await db(`SELECT c.label AS k, count(*)::int AS n FROM asms a JOIN cycles c ON c.id = a.cycle_id GROUP BY 1`)).toEqual(countBy(expected.rows, (r) => r.CICLO));
    const tipo: Record<string, string> = { Específico: 'especifico', Institucional: 'institucional', Interinstitucional: 'interinstitucional', Intergubernamental: 'intergubernamental' };
    expect(await db(`SELECT classification AS k, count(*)::int AS n FROM asms GROUP BY 1`)).toEqual(countBy(expected.rows, (r) => tipo[r.TIPO_ASM]));
    const prioridad: Record<string, string> = { Alta: 'alta', Media: 'media', Baja: 'baja', 'N/D': 'nd', 'No Aplica': 'nd' };
    expect(await db(`SELECT priority AS k, count(*)::int AS n FROM asms GROUP BY 1`)).toEqual(countBy(expected.rows, (r) => prioridad[r.PRIORIDAD.trim()]));
    const cancelled = expected.rows.filter((r) => ['CANCELADO', 'Cancelado', 'ASM dado de baja', 'FUSIONADO'].includes(r.AVANCE_ASM.trim()));
    const rows = (await t.db.query(`SELECT status_reason FROM asms WHERE status = 'cancelado'`)).rows as { status_reason: string }[];
    expect(rows).toHaveLength(cancelled.length);
    expect(rows.filter((r) => r.status_reason.startsWith('FUSIONADO'))).toHaveLength(cancelled.filter((r) => r.AVANCE_ASM.trim() === 'FUSIONADO').length);
    // Program S038 keeps its earlier names.
    const names = await t.db.query(
      `SELECT n.name FROM program_names n JOIN programs p ON p.id = n.program_id WHERE p.ramo_code = '19' AND p.modality = 'S' AND p.code = '038' ORDER BY n.valid_from`,
    );
    expect(names.rows.map((r) => r.name)).toEqual(['Programa IMSS-Oportunidades', 'Programa IMSS-PROSPERA', 'Programa IMSS-BIENESTAR']);
  });

  it('changes nothing on a second import of the same file', async () => {
    const before = await fingerprint(t.db);
    const res = await evaluacion.upload('/api/v1/imports/shcp', FILE, 'aspectos_susceptibles_mejora.csv').expect(200);
    expect(res.body).toMatchObject({ applied: true, unchangedAsms: expected.rows.length, updatedAsms: 0, created: { asms: 0, programs: 0, evaluations: 0 } });
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it('refuses a file without the columns of the layout', async () => {
    const res = await evaluacion.upload('/api/v1/imports/shcp?dryRun=true', Buffer.from('A,B\n1,2\n'), 'otro.csv').expect(200);
    expect(res.body.problems[0].problem).toMatch(/^Faltan columnas del formato de datos abiertos de SHCP: CICLO/);
    expect(res.body.asmsRead).toBe(0);
  });
});
