import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { parse } from 'csv-parse/sync';
import { toolsModule } from '../src/core.module';
import { seedDemo } from '../src/demo/seed';
import { SEED_ASMS } from '../src/demo/seed-data';
import { fingerprint } from './support/database';
import { Client, createTestApp, TestApp } from './support/app';

const FILE = readFileSync(join(__dirname, 'fixtures', 'shcp', 'aspectos_susceptibles_mejora.csv'));
const CANCEL = ['CANCELADO', 'Cancelado', 'ASM dado de baja', 'FUSIONADO'];
const sq = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const fold = (s: string) =>
  sq(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

interface Row {
  r: Record<string, string>;
  /** First physical line of the record: its last line less the line breaks it holds. */
  line: number;
  lastLine: number;
}

/** An independent reading of the file: which rows are well formed, by the documented rules. */
function wellFormed(): { rows: Row[]; bad: Row[] } {
  const recs = parse<{ record: Record<string, string>; info: { lines: number }; raw: string }>(FILE, {
    columns: true,
    relax_column_count: true,
    bom: true,
    info: true,
    raw: true,
  });
  const rows: Row[] = [];
  const bad: Row[] = [];
  for (const { record: r, info, raw } of recs) {
    const ciclo = /^(\d{4})-(\d{4})$/.exec(sq(r.CICLO));
    const fecha = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(sq(r.FECHA_REPORTE));
    const avance = sq(r.AVANCE_ASM);
    const ok =
      ciclo &&
      Number(ciclo[2]) === Number(ciclo[1]) + 1 &&
      /^\d{1,3}$/.test(sq(r.ID_RAMO)) &&
      // A letter and three digits, or four digits (transversal and strategic evaluations), maybe after a spreadsheet's ´.
      /^([A-Z]\d{3}|´?\d{4})$/.test(sq(r.MODALIDAD_PP)) &&
      ['DESC_RAMO', 'ACRON_DEP_ENT', 'DESC_DEP_ENT', 'DESC_PP', 'ID_ASM', '...13'].every((k) => sq(r[k])) &&
      ['Específico', 'Institucional', 'Interinstitucional', 'Intergubernamental'].includes(sq(r.TIPO_ASM)) &&
      ['Alta', 'Media', 'Baja', 'N/D', 'No Aplica'].includes(sq(r.PRIORIDAD)) &&
      ['CONEVAL', 'SHCP', 'SFP'].includes(sq(r.INST_COORD)) &&
      (CANCEL.includes(avance) || (/^\d+(\.\d+)?$/.test(avance) && Number(avance) <= 100)) &&
      fecha &&
      !Number.isNaN(Date.parse(`${fecha[3]}-${fecha[2]}-${fecha[1]}`)) &&
      Number(fecha[2]) <= 12;
    const row = { r, line: info.lines - (raw.match(/\n/g) ?? []).length + 1, lastLine: info.lines };
    (ok ? rows : bad).push(row);
  }
  return { rows, bad };
}

function countBy(rows: Row[], f: (r: Record<string, string>) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { r } of rows) out[f(r)] = (out[f(r)] ?? 0) + 1;
  return out;
}

/** The state an avance puts an ASM in. */
function avanceClass(r: Record<string, string>): string {
  const a = sq(r.AVANCE_ASM);
  if (CANCEL.includes(a)) return 'cancelado';
  return Number(a) >= 100 ? 'concluido' : Number(a) > 0 ? 'en_proceso' : 'comprometido';
}

const expected = wellFormed();
const byLine = (a: number, b: number) => a - b;

describe('importing SHCP open data', () => {
  let t: TestApp;
  let evaluacion: Client;

  beforeAll(async () => {
    t = await createTestApp();
    evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
  });

  afterAll(async () => {
    await t.close();
  });

  it('the fixture holds the problem rows: four-digit keys, decimals, several TIPO_MEJORA, multi-line records', () => {
    expect(expected.rows.filter(({ r }) => /^´?\d{4}$/.test(sq(r.MODALIDAD_PP)))).toHaveLength(28);
    expect(expected.rows.some(({ r }) => r.AVANCE_ASM === '66.67')).toBe(true);
    expect(expected.rows.filter(({ r }) => /[,;]/.test(r.TIPO_MEJORA)).length).toBeGreaterThan(30);
    expect(expected.rows.some((b) => b.line < b.lastLine)).toBe(true);
  });

  it('numbers a problem row that spans several lines by its first line', async () => {
    // The file's own multi-line records, the first one made unreadable (its cycle), after a single-line record.
    const text = FILE.toString('utf8');
    const lines = text.split('\n');
    const multi = expected.rows.filter((x) => x.line < x.lastLine).slice(0, 2);
    const single = expected.rows.find((x) => x.line === x.lastLine)!;
    const record = (x: Row) => lines.slice(x.line - 1, x.lastLine).join('\n');
    const broken = record(multi[0]).replace(`"${multi[0].r.CICLO}"`, '"sin ciclo"');
    expect(broken).not.toBe(record(multi[0]));
    const file = [lines[0], record(single), broken, record(multi[1])].join('\n') + '\n';
    const res = await evaluacion.upload('/api/v1/imports/shcp?dryRun=true', Buffer.from(file), 'parte.csv').expect(200);
    expect(res.body.problems).toEqual([{ row: 3, column: 'CICLO', problem: expect.stringContaining('sin ciclo') }]);
    expect(res.body.skippedRows).toEqual([3]);
    expect(res.body.createdRows).toEqual([2, 3 + multi[0].lastLine - multi[0].line + 1]);
  });

  it('lists in a dry run the rows it would create and skip, writing nothing', async () => {
    const before = await fingerprint(t.db);
    const res = await evaluacion.upload('/api/v1/imports/shcp?dryRun=true', FILE, 'aspectos_susceptibles_mejora.csv').expect(200);
    expect(res.body).toMatchObject({ dryRun: true, applied: false, rowsRead: 3547, asmsRead: expected.rows.length, matchedRows: [] });
    expect(res.body.created.asms).toBe(expected.rows.length);
    expect([...res.body.createdRows].sort(byLine)).toEqual(expected.rows.map((x) => x.line));
    expect(res.body.skippedRows).toEqual(expected.bad.map((x) => x.line));
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it('imports every well-formed row and reports every other row by its first line', async () => {
    const res = await evaluacion.upload('/api/v1/imports/shcp', FILE, 'aspectos_susceptibles_mejora.csv').expect(200);
    expect(res.body).toMatchObject({ applied: true, rowsRead: 3547, asmsRead: expected.rows.length, created: { asms: expected.rows.length } });
    const reported = [...new Set((res.body.problems as { row: number }[]).map((p) => p.row))].sort(byLine);
    expect(reported).toEqual(expected.bad.map((x) => x.line));
    expect(res.body.rowsSkipped).toBe(expected.bad.length);
    expect(expected.rows.length + expected.bad.length).toBe(3547);
    for (const p of res.body.problems as { problem: string }[]) expect(p.problem.length).toBeGreaterThan(10);

    const db = async (sql: string) => Object.fromEntries((await t.db.query(sql)).rows.map((r: { k: string; n: number }) => [r.k, r.n]));
    expect(await db(`SELECT c.label AS k, count(*)::int AS n FROM asms a JOIN cycles c ON c.id = a.cycle_id GROUP BY 1`)).toEqual(
      countBy(expected.rows, (r) => r.CICLO),
    );
    const tipo: Record<string, string> = {
      Específico: 'especifico',
      Institucional: 'institucional',
      Interinstitucional: 'interinstitucional',
      Intergubernamental: 'intergubernamental',
    };
    expect(await db(`SELECT classification AS k, count(*)::int AS n FROM asms GROUP BY 1`)).toEqual(countBy(expected.rows, (r) => tipo[r.TIPO_ASM]));
    const prioridad: Record<string, string> = { Alta: 'alta', Media: 'media', Baja: 'baja', 'N/D': 'nd', 'No Aplica': 'nd' };
    expect(await db(`SELECT priority AS k, count(*)::int AS n FROM asms GROUP BY 1`)).toEqual(countBy(expected.rows, (r) => prioridad[r.PRIORIDAD.trim()]));
    expect(await db(`SELECT status AS k, count(*)::int AS n FROM asms GROUP BY 1`)).toEqual(countBy(expected.rows, avanceClass));
    const cancelled = expected.rows.filter(({ r }) => CANCEL.includes(r.AVANCE_ASM.trim()));
    const rows = (await t.db.query(`SELECT status_reason FROM asms WHERE status = 'cancelado'`)).rows as { status_reason: string }[];
    expect(rows).toHaveLength(cancelled.length);
    expect(rows.filter((r) => r.status_reason.startsWith('FUSIONADO'))).toHaveLength(cancelled.filter(({ r }) => r.AVANCE_ASM.trim() === 'FUSIONADO').length);
    // Program S038 keeps its earlier names.
    const names = await t.db.query(
      `SELECT n.name FROM program_names n JOIN programs p ON p.id = n.program_id WHERE p.ramo_code = '19' AND p.modality = 'S' AND p.code = '038' ORDER BY n.valid_from`,
    );
    expect(names.rows.map((r) => r.name)).toEqual(['Programa IMSS-Oportunidades', 'Programa IMSS-PROSPERA', 'Programa IMSS-BIENESTAR']);
  });

  it('keeps what the file publishes: program keys, decimals, every TIPO_MEJORA, GASTO_FEDERALIZADO and the acronym', async () => {
    const { rows } = await t.db.query(
      `SELECT a.external_id, a.published_avance::text AS avance, a.published_improvement_types AS tipos, a.published_federalized_spending AS gasto,
              a.published_acronym AS acronym, p.ramo_code || ':' || p.modality || p.code AS program
         FROM asms a JOIN programs p ON p.id = a.program_id`,
    );
    const got = new Map(rows.map((x) => [x.external_id as string, x]));
    expect(got.size).toBe(expected.rows.length);
    const differences: string[] = [];
    for (const { r, line } of expected.rows) {
      const x = got.get(sq(r.ID_ASM));
      const avance = sq(r.AVANCE_ASM);
      const want = {
        avance: CANCEL.includes(avance) ? null : Number(avance).toFixed(2),
        tipos: sq(r.TIPO_MEJORA)
          .split(/[,;]/)
          .map((v) => v.trim())
          .filter((v) => v && v !== 'N/D'),
        gasto: sq(r.GASTO_FEDERALIZADO) || null,
        acronym: sq(r.ACRON_DEP_ENT),
        program: `${sq(r.ID_RAMO).padStart(2, '0')}:${sq(r.MODALIDAD_PP).replace(/^´/, '')}`,
      };
      const have = x && { avance: x.avance, tipos: x.tipos, gasto: x.gasto, acronym: x.acronym, program: x.program };
      if (JSON.stringify(have) !== JSON.stringify(want)) differences.push(`línea ${line}: ${JSON.stringify(have)} ≠ ${JSON.stringify(want)}`);
    }
    expect(differences).toEqual([]);
    expect(rows.filter((x) => x.avance === '66.67')).toHaveLength(expected.rows.filter(({ r }) => r.AVANCE_ASM === '66.67').length);
    expect(rows.some((x) => x.acronym === 'LICONSA')).toBe(true);
    // Four-digit keys are programs without a modality letter.
    const keys = await t.db.query(`SELECT DISTINCT code FROM programs WHERE modality = '' ORDER BY 1`);
    expect(keys.rows.map((k) => k.code)).toEqual(['0000', '0001', '0002', '0003']);
  });

  it('changes nothing on a second import of the same file, and says which rows it matched', async () => {
    const before = await fingerprint(t.db);
    const dry = await evaluacion.upload('/api/v1/imports/shcp?dryRun=true', FILE, 'aspectos_susceptibles_mejora.csv').expect(200);
    expect(dry.body.createdRows).toEqual([]);
    expect((dry.body.matchedRows as { row: number; matchedBy: string }[]).map((m) => m.row).sort(byLine)).toEqual(expected.rows.map((x) => x.line));
    expect(new Set(dry.body.matchedRows.map((m: { matchedBy: string }) => m.matchedBy))).toEqual(new Set(['ID_ASM']));
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

describe('importing SHCP open data over the ASMs the institution registered (the demo)', () => {
  let t: TestApp;
  let evaluacion: Client;
  /** Well-formed rows of the file that are ASMs of the demo: program S038 of ramo 19, same cycle and text. */
  const registered = expected.rows.filter(
    ({ r }) => sq(r.ID_RAMO) === '19' && sq(r.MODALIDAD_PP) === 'S038' && SEED_ASMS.some((s) => s.cycle === sq(r.CICLO) && fold(s.text) === fold(r['...13'])),
  );
  const demoAsms = async () =>
    (
      await t.db.query(
        `SELECT a.id, row_to_json(a)::text AS asm, (SELECT json_agg(x ORDER BY x.position)::text FROM actions x WHERE x.asm_id = a.id) AS actions
           FROM asms a WHERE a.external_id IS NULL ORDER BY a.seq`,
      )
    ).rows;

  beforeAll(async () => {
    t = await createTestApp();
    const ctx = await NestFactory.createApplicationContext(toolsModule(t.config), { logger: false });
    try {
      await seedDemo(ctx);
    } finally {
      await ctx.close();
    }
    evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
  });

  afterAll(async () => {
    await t.close();
  });

  let before: { id: string; asm: string; actions: string }[];

  it('lists in a dry run the registered ASMs it matches by program, cycle and text', async () => {
    expect(registered.length).toBeGreaterThanOrEqual(3);
    before = await demoAsms();
    expect(before).toHaveLength(SEED_ASMS.length);
    const dry = await evaluacion.upload('/api/v1/imports/shcp?dryRun=true', FILE, 'aspectos_susceptibles_mejora.csv').expect(200);
    const matched = dry.body.matchedRows as { row: number; asmId: string; matchedBy: string }[];
    expect(matched.map((m) => m.row).sort(byLine)).toEqual(registered.map((x) => x.line));
    expect(matched.every((m) => m.matchedBy === 'texto' && before.some((b) => b.id === m.asmId))).toBe(true);
    expect(dry.body.createdRows).toHaveLength(expected.rows.length - registered.length);
  });

  it('leaves the registered ASMs as they are and creates no duplicate of them', async () => {
    const res = await evaluacion.upload('/api/v1/imports/shcp', FILE, 'aspectos_susceptibles_mejora.csv').expect(200);
    expect(res.body).toMatchObject({
      applied: true,
      created: { asms: expected.rows.length - registered.length },
      updatedAsms: 0,
      unchangedAsms: registered.length,
    });
    expect(await demoAsms()).toEqual(before);
    const dup = await t.db.query(
      `SELECT a.program_id, a.cycle_id, lower(a.text) AS text, count(*)::int AS n FROM asms a
         JOIN programs p ON p.id = a.program_id WHERE p.modality = 'S' AND p.code = '038' GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    );
    expect(dup.rows).toEqual([]);
  });

  it('changes nothing on a second import over them', async () => {
    const after = await fingerprint(t.db);
    const again = await evaluacion.upload('/api/v1/imports/shcp', FILE, 'aspectos_susceptibles_mejora.csv').expect(200);
    expect(again.body).toMatchObject({ created: { asms: 0 }, updatedAsms: 0, unchangedAsms: expected.rows.length });
    expect(await fingerprint(t.db)).toEqual(after);
  });
});
