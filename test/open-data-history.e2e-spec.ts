import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Clock } from '../src/common/clock';
import { OPEN_DATA_COLUMNS } from '../src/modules/reporting/documents/opendata.writer';
import { Client, createTestApp, TestApp } from './support/app';
import { binary, squish } from './support/documents';
import { Factory } from './support/factories';
import { twoInstitutions } from './support/institutions';

const FILE = readFileSync(join(__dirname, 'fixtures', 'shcp', 'aspectos_susceptibles_mejora.csv'));
const ROUTE = '/api/v1/documents/datos-abiertos';

/** The records of SHCP's file for some dependencies, each with its raw text (to build a slice to import). */
function shcpRecords(acronyms: string[]): { r: Record<string, string>; raw: string }[] {
  const recs = parse<{ record: Record<string, string>; raw: string }>(FILE, { columns: true, relax_column_count: true, bom: true, raw: true });
  return recs.filter((x) => acronyms.includes(x.record.ACRON_DEP_ENT)).map((x) => ({ r: x.record, raw: x.raw }));
}

/**
 * Issue 14, finding 6: SHCP publishes the whole history, one row per ASM. The
 * open-data history gives it in SHCP's layout: a user gets their institution's
 * ASMs of every cycle, the deployment-wide role every institution's or the one
 * it names; an ASM imported from SHCP's file prints what SHCP published, the
 * institution's own ASMs their computed values.
 */
describe('open data: the whole history in SHCP layout', () => {
  let t: TestApp;
  let evalA: Client;
  let evalB: Client;
  let global: Client;
  let coordA: Client;
  let instA: string;
  let instB: string;
  const sspc = shcpRecords(['SSPC']);
  // Two more dependencies, with ASMs SHCP marks CANCELADO and Cancelado.
  const others = shcpRecords(['COFEMER', 'CONACyT']);
  const own: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.as(await t.user({ roles: ['administrador'] }));
    const f = new Factory(admin);
    // Institution A is the default one, named as SHCP names SSPC: the import files SSPC's programs under it.
    instA = (await f.defaultInstitution()).id;
    await admin.patch(`/api/v1/institutions/${instA}`, { version: 1, acronym: 'SSPC', name: sspc[0].r.DESC_DEP_ENT }).expect(200);
    const two = await twoInstitutions(t, admin, f);
    ({ instB, evalA, evalB, global } = two);
    const { zA, xA, zB, xB } = two;
    coordA = await t.as(await t.user({ roles: ['coordinador'], areaIds: [zA.id] }));
    const coordB = await t.as(await t.user({ roles: ['coordinador'], areaIds: [zB.id], institutionId: instB }));

    // A slice of SHCP's file: SSPC (A) in two cycles, with a decimal avance and several TIPO_MEJORA, and two more dependencies.
    const header = FILE.toString('utf8').split('\n')[0];
    const slice = [header, ...[...sspc, ...others].map((x) => x.raw.replace(/\r?\n$/, ''))].join('\n') + '\n';
    const imported = await evalA.upload('/api/v1/imports/shcp', Buffer.from(slice), 'parte.csv').expect(200);
    expect(imported.body).toMatchObject({ applied: true, created: { asms: sspc.length + others.length }, rowsSkipped: 0 });

    // Each institution's own ASMs in two more cycles; the percents as avances would leave them.
    const pA = await f.program({ institutionId: instA, code: '301', name: 'Programa Alfa' });
    const pB = await f.program({ institutionId: instB, code: '302', name: 'Programa Beta' });
    const cycles = [(await f.cycle('2020-2021')).id, (await f.cycle('2021-2022')).id];
    const asm = async (c: Client, name: string, programId: string, cycleId: string, coord: string, resp: string, percents: number[], commit = true) => {
      const created = await new Factory(c).asm({
        programId,
        cycleId,
        coordinatingAreaId: coord,
        text: `=ASM ${name}`,
        actions: percents.map(() => f.action([resp])),
      });
      if (commit) await c.post(`/api/v1/asms/${created.id}/commit`, { version: created.version }).expect(200);
      for (const [i, p] of percents.entries()) await t.db.query(`UPDATE actions SET percent = $2 WHERE id = $1`, [created.actions[i].id, p]);
      own[name] = created.id;
    };
    await asm(coordA, 'A1', pA.id, cycles[0], zA.id, xA.id, [100, 0]);
    await asm(coordA, 'A2', pA.id, cycles[1], zA.id, xA.id, [100, 100, 0]);
    await asm(coordA, 'A borrador', pA.id, cycles[1], zA.id, xA.id, [0], false);
    await asm(coordB, 'B1', pB.id, cycles[0], zB.id, xB.id, [30]);
    await asm(coordB, 'B2', pB.id, cycles[1], zB.id, xB.id, [40]);
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  const download = async (c: Client, query = '') => {
    const res = await binary(c.get(`${ROUTE}${query}`)).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const buf = res.body as Buffer;
    const rows = parse(buf, { bom: true });
    return { buf, header: rows[0], rows: rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [h, r[i]]))) };
  };
  const ids = (rows: Record<string, string>[]) => rows.map((r) => r.ID_ASM).sort();
  const expectedIds = async (institutionIds: string[]) =>
    (
      await t.db.query(
        `SELECT COALESCE(a.external_id, a.id::text) AS id FROM asms a JOIN programs p ON p.id = a.program_id
          WHERE a.status <> 'borrador' AND p.institution_id = ANY($1::uuid[])`,
        [institutionIds],
      )
    ).rows
      .map((r: { id: string }) => r.id)
      .sort();

  it("gives a user of A only A's ASMs, one row per ASM of every cycle, in SHCP's header, UTF-8 with BOM", async () => {
    const { buf, header, rows } = await download(evalA);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // SHCP's header, with the name its published copy lost for column 13.
    const shcpHeader = parse(FILE, { bom: true, to_line: 1, relax_column_count: true })[0].slice(0, 21);
    expect(header).toEqual(shcpHeader.map((h) => (h === '...13' ? 'DESC_ASM' : h)));
    expect(header).toEqual(OPEN_DATA_COLUMNS);
    expect(ids(rows)).toEqual([...sspc.map((x) => x.r.ID_ASM), own.A1, own.A2].sort());
    expect(ids(rows)).toEqual(await expectedIds([instA]));
    expect(new Set(rows.map((r) => r.CICLO))).toEqual(new Set(['2018-2019', '2019-2020', '2020-2021', '2021-2022']));
    expect(rows.some((r) => r.ID_ASM === own['A borrador'] || r.ACRON_DEP_ENT !== 'SSPC')).toBe(false);
  });

  it("prints an SHCP-imported ASM's published values as SHCP gave them", async () => {
    const { rows } = await download(evalA);
    const byId = new Map(rows.map((r) => [r.ID_ASM, r]));
    // Every column (the header is SHCP's, checked above) but TRIMESTRE and FECHA_REPORTE and the three checked one by one below.
    const other = ['TRIMESTRE', 'FECHA_REPORTE', 'DESC_DEP_ENT', 'DESC_ASM', 'TIPO_MEJORA'];
    const same = OPEN_DATA_COLUMNS.filter((c) => !other.includes(c));
    for (const { r } of sspc) {
      const got = byId.get(r.ID_ASM)!;
      expect(Object.fromEntries(same.map((k) => [k, got[k]]))).toEqual(Object.fromEntries(same.map((k) => [k, squish(r[k])])));
      expect(squish(got.DESC_ASM)).toBe(squish(r['...13']));
      // The dependency's name is its institution record's (SHCP's file writes SSPC's two ways; one is kept).
      expect(got.DESC_DEP_ENT).toBe(sspc[0].r.DESC_DEP_ENT);
      // Every TIPO_MEJORA value, in SHCP's order ("Corrige, Reorienta, Modifica ").
      expect(got.TIPO_MEJORA).toBe(
        r.TIPO_MEJORA.split(/[,;]/)
          .map((x) => x.trim())
          .filter(Boolean)
          .join(', '),
      );
    }
    expect(byId.get('33I011pdi19_01')).toMatchObject({ AVANCE_ASM: '7.5', GASTO_FEDERALIZADO: 'Si', TIPO_ASM: 'Institucional' });
    expect(byId.get('36E901pdi18_03')).toMatchObject({ TIPO_MEJORA: 'Corrige, Reorienta, Modifica', ACRON_DEP_ENT: 'SSPC' });
  });

  it("computes the institution's own ASMs' values: the promedio of the actions, its acronym, today's report date", async () => {
    const { rows } = await download(evalA);
    const today = t.app.get(Clock).today();
    const [y, m, d] = today.split('-');
    const byId = new Map(rows.map((r) => [r.ID_ASM, r]));
    expect(byId.get(own.A1)).toMatchObject({
      CICLO: '2020-2021',
      ACRON_DEP_ENT: 'SSPC',
      MODALIDAD_PP: 'S301',
      DESC_PP: 'Programa Alfa',
      DESC_ASM: "'=ASM A1",
      GASTO_FEDERALIZADO: 'N/D',
      TIPO_ASM: 'Institucional',
      AVANCE_ASM: '50',
      TRIMESTRE: `${String(Math.ceil(Number(m) / 3)).padStart(2, '0')}T${y}`,
      FECHA_REPORTE: `${d}/${m}/${y}`,
    });
    expect(byId.get(own.A2)).toMatchObject({ CICLO: '2021-2022', AVANCE_ASM: '66.67' });
  });

  it('gives the deployment-wide role every institution, or the one it names', async () => {
    const all = await download(global);
    const everyInstitution = (await t.db.query(`SELECT id FROM institutions`)).rows.map((r: { id: string }) => r.id);
    expect(ids(all.rows)).toEqual(await expectedIds(everyInstitution));
    expect(all.rows).toHaveLength(sspc.length + others.length + 4);
    // Every imported ASM's AVANCE_ASM as published, cancellation markers included.
    const byId = new Map(all.rows.map((r) => [r.ID_ASM, r.AVANCE_ASM]));
    expect([...sspc, ...others].map(({ r }) => [r.ID_ASM, byId.get(r.ID_ASM)])).toEqual([...sspc, ...others].map(({ r }) => [r.ID_ASM, squish(r.AVANCE_ASM)]));
    expect(others.map(({ r }) => byId.get(r.ID_ASM))).toEqual(expect.arrayContaining(['CANCELADO', 'Cancelado', '100']));
    const b = await download(global, `?institutionId=${instB}`);
    expect(ids(b.rows)).toEqual([own.B1, own.B2].sort());
    expect(b.rows.map((r) => r.AVANCE_ASM).sort()).toEqual(['30', '40']);
  });

  it('gives a coordinator only the ASMs of their areas, as the per-cut file does', async () => {
    expect(ids((await download(coordA)).rows)).toEqual([own.A1, own.A2].sort());
  });

  it('refuses a user who names another institution, and gives them their own when they name it', async () => {
    const refused = await evalA.get(`${ROUTE}?institutionId=${instB}`).expect(403);
    expect(refused.body.message).toMatch(/consulta global/);
    expect(ids((await download(evalA, `?institutionId=${instA}`)).rows)).toEqual(await expectedIds([instA]));
    expect(ids((await download(evalB)).rows)).toEqual([own.B1, own.B2].sort());
    await evalB.get(`${ROUTE}?institutionId=${instA}`).expect(403);
  });
});
