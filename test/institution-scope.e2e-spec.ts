import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../src/common/clock';
import { todayIn } from '../src/common/dates';
import { Client, createTestApp, TestApp } from './support/app';
import { fingerprint } from './support/database';
import { binary, csvRows, squish, xlsxRows } from './support/documents';
import { Factory } from './support/factories';

/**
 * Issue 14: institutions are a scope. Two institutions take the cut of the
 * same month; each one's documents print its own name and only its programs;
 * a user of one never reaches the other's cuts; the deployment-wide reading
 * role (consulta_global) reads both. Cuts follow each other in the months of
 * the setting, and a prórroga never asks for a date that has passed.
 */
describe('institutions as a scope, the order of cuts, prórrogas in the future', () => {
  let t: TestApp;
  let admin: Client;
  let evalA: Client;
  let evalB: Client;
  let global: Client;
  let respA: Client;
  let instA: string;
  let instB: string;
  const corte: Record<'A' | 'B', string> = { A: '', B: '' };
  let actionA = '';
  let cycleId = '';

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as(await t.user({ roles: ['administrador'] }));
    await admin.put('/api/v1/settings/institucion.nombre', { value: 'Instituto Alfa de la Salud' }).expect(200);
    const f = new Factory(admin);
    instA = (await f.defaultInstitution()).id;
    instB = (await admin.post('/api/v1/institutions', { acronym: 'BETA', name: 'Comisión Beta de Vivienda' }).expect(201)).body.id;
    const [zA, xA, zB, xB] = [await f.area('Coordinación Alfa'), await f.area('Responsable Alfa'), await f.area('Coordinación Beta'), await f.area('Responsable Beta')];
    await t.db.query(`UPDATE areas SET institution_id = $1 WHERE id = ANY($2::uuid[])`, [instB, [zB.id, xB.id]]);
    evalA = await t.as(await t.user({ roles: ['evaluacion'] }));
    evalB = await t.as(await t.user({ roles: ['evaluacion'], institutionId: instB }));
    global = await t.as(await t.user({ roles: ['consulta_global'] }));
    respA = await t.as(await t.user({ roles: ['responsable'], areaIds: [xA.id] }));
    const coordA = await t.as(await t.user({ roles: ['coordinador'], areaIds: [zA.id] }));
    const coordB = await t.as(await t.user({ roles: ['coordinador'], areaIds: [zB.id], institutionId: instB }));
    const pA = await f.program({ institutionId: instA, code: '301', name: 'Programa Alfa de Salud' });
    const pB = await f.program({ institutionId: instB, code: '302', name: 'Programa Beta de Vivienda' });
    cycleId = (await f.cycle('2021-2022')).id;
    const asm = async (c: Client, programId: string, coordinatingAreaId: string, areaId: string, text: string) => {
      const created = await new Factory(c).asm({ programId, cycleId, coordinatingAreaId, text, actions: [f.action([areaId])] });
      return (await c.post(`/api/v1/asms/${created.id}/commit`, { version: created.version }).expect(200)).body;
    };
    actionA = (await asm(coordA, pA.id, zA.id, xA.id, 'Mejorar la cobertura del Alfa')).actions[0].id;
    await asm(coordB, pB.id, zB.id, xB.id, 'Actualizar el padrón del Beta');
    for (const [who, c] of [['A', evalA], ['B', evalB]] as const) {
      const created = (await c.post('/api/v1/cortes', { year: 2022, month: 9 }).expect(201)).body;
      const opened = (await c.post(`/api/v1/cortes/${created.id}/open`, { version: created.version }).expect(200)).body;
      await c.post(`/api/v1/cortes/${created.id}/close`, { version: opened.version }).expect(200);
      corte[who] = created.id;
    }
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  const textOf = async (c: Client, path: string, format: 'xlsx' | 'pdf' | 'csv'): Promise<string> => {
    const buf = (await binary(c.get(`${path}${path.includes('?') ? '&' : '?'}format=${format}`)).expect(200)).body as Buffer;
    if (format === 'xlsx') return (await xlsxRows(buf)).flat().join('\n');
    if (format === 'csv') return csvRows(buf).flat().join('\n');
    const file = join(tmpdir(), `asm-institution-${process.pid}.pdf`);
    writeFileSync(file, buf);
    // Cells wrap over lines in the PDF: compared with runs of white space as one space.
    return squish(execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
  };

  describe('two institutions with cuts of the same month', () => {
    it('each institution has its own Septiembre-2022; its users list only theirs, the global role both', async () => {
      expect(corte.A).not.toBe(corte.B);
      const ids = async (c: Client, q = '') => ((await c.get(`/api/v1/cortes${q}`).expect(200)).body.items as { id: string }[]).map((x) => x.id).sort();
      expect(await ids(evalA)).toEqual([corte.A]);
      expect(await ids(evalB)).toEqual([corte.B]);
      expect(await ids(global)).toEqual([corte.A, corte.B].sort());
      expect(await ids(global, `?institutionId=${instB}`)).toEqual([corte.B]);
      // Naming another institution never widens what a user of one reads.
      expect(await ids(evalA, `?institutionId=${instB}`)).toEqual([]);
      const { rows } = await t.db.query(`SELECT institution_id AS i FROM cortes WHERE id = ANY($1::uuid[]) ORDER BY (id = $2) DESC`, [[corte.A, corte.B], corte.A]);
      expect(rows.map((r) => r.i)).toEqual([instA, instB]);
    });

    for (const format of ['xlsx', 'pdf', 'csv'] as const) {
      it(`${format}: each document prints its institution's name and holds only its programs`, async () => {
        const a = await textOf(evalA, `/api/v1/cortes/${corte.A}/documents/avance-institucional`, format);
        const b = await textOf(evalB, `/api/v1/cortes/${corte.B}/documents/avance-institucional`, format);
        expect(a).toContain('Instituto Alfa de la Salud');
        expect(a).toContain('Programa Alfa de Salud');
        expect(a).not.toContain('Beta');
        expect(b).toContain('Comisión Beta de Vivienda');
        expect(b).toContain('Programa Beta de Vivienda');
        expect(b).not.toContain('Alfa');
        // The deployment-wide role produces each institution's document, the same bytes.
        expect(await textOf(global, `/api/v1/cortes/${corte.B}/documents/avance-institucional`, format)).toBe(b);
      });
    }

    it('the snapshots froze only each institution\'s ASMs', async () => {
      const { rows } = await t.db.query(
        `SELECT s.corte_id AS c, p.institution_id AS i, count(*)::int AS n FROM corte_snapshot_rows s JOIN programs p ON p.id = s.program_id GROUP BY 1, 2`,
      );
      expect(rows.map((r) => [r.c === corte.A ? 'A' : 'B', r.i === instA ? 'A' : 'B', r.n]).sort()).toEqual([['A', 'A', 1], ['B', 'B', 1]]);
    });

    it("another institution's cut is not found for a user of one, nor its documents", async () => {
      await evalA.get(`/api/v1/cortes/${corte.B}`).expect(404);
      await evalA.get(`/api/v1/cortes/${corte.B}/documents/avance-institucional?format=csv`).expect(404);
      await evalB.get(`/api/v1/cortes/${corte.A}/documents/avance-institucional?format=csv`).expect(404);
      await global.get(`/api/v1/cortes/${corte.A}`).expect(200);
    });

    it('a commitment document per institution: ?institutionId= for the global role, refused to others naming another', async () => {
      const path = `/api/v1/cycles/${cycleId}/documents/documento-institucional`;
      const forbidden = await evalA.get(`${path}?format=csv&institutionId=${instB}`).expect(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      const own = await textOf(evalA, path, 'csv');
      expect(own).toContain('Programa Alfa de Salud');
      expect(own).not.toContain('Beta');
      const b = await textOf(global, `${path}?institutionId=${instB}`, 'csv');
      expect(b).toContain('Comisión Beta de Vivienda');
      expect(b).toContain('Programa Beta de Vivienda');
      expect(b).not.toContain('Alfa');
    });
  });

  describe('the order of cuts', () => {
    it('refuses a cut earlier than the latest closed one, in Spanish, and writes nothing', async () => {
      const before = await fingerprint(t.db);
      const res = await evalA.post('/api/v1/cortes', { year: 2022, month: 3 }).expect(409);
      expect(res.body.code).toBe('CORTE_OUT_OF_ORDER');
      expect(res.body.message).toContain('Septiembre-2022');
      expect(res.body.message).toContain('Marzo-2022');
      expect(await fingerprint(t.db)).toEqual(before);
    });

    it('refuses a month outside the setting (March and September by default), and writes nothing', async () => {
      const before = await fingerprint(t.db);
      const res = await evalA.post('/api/v1/cortes', { year: 2023, month: 6 }).expect(409);
      expect(res.body).toMatchObject({ code: 'CORTE_MONTH_NOT_ALLOWED' });
      expect(res.body.message).toContain('marzo y septiembre');
      expect(res.body.message).toContain('Junio-2023');
      expect(await fingerprint(t.db)).toEqual(before);
    });

    it('takes the months from the setting, validated', async () => {
      await admin.put('/api/v1/settings/cortes.meses', { value: [13] }).expect(400);
      await admin.put('/api/v1/settings/cortes.meses', { value: [3, 3] }).expect(400);
      await admin.put('/api/v1/settings/cortes.meses', { value: [3, 6, 9] }).expect(200);
      await evalB.post('/api/v1/cortes', { year: 2023, month: 6 }).expect(201);
      await admin.put('/api/v1/settings/cortes.meses', { value: [3, 9] }).expect(200);
    });

    it('refuses to open a scheduled cut once a later one has closed', async () => {
      const march = (await evalA.post('/api/v1/cortes', { year: 2023, month: 3 }).expect(201)).body;
      const sept = (await evalA.post('/api/v1/cortes', { year: 2023, month: 9 }).expect(201)).body;
      const opened = (await evalA.post(`/api/v1/cortes/${sept.id}/open`, { version: sept.version }).expect(200)).body;
      await evalA.post(`/api/v1/cortes/${sept.id}/close`, { version: opened.version }).expect(200);
      const before = await fingerprint(t.db);
      const res = await evalA.post(`/api/v1/cortes/${march.id}/open`, { version: march.version }).expect(409);
      expect(res.body.code).toBe('CORTE_OUT_OF_ORDER');
      expect(await fingerprint(t.db)).toEqual(before);
      // Another institution's order is its own: B has not closed September 2023.
      await evalB.post('/api/v1/cortes', { year: 2023, month: 3 }).expect(201);
    });
  });

  describe('a prórroga in the past', () => {
    it('is refused in Spanish and nothing is written (yesterday and today in the institution\'s time zone)', async () => {
      const today = todayIn('America/Mexico_City', t.app.get(Clock).now());
      const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      for (const requestedDueDate of [yesterday, today]) {
        const before = await fingerprint(t.db);
        const res = await respA.post(`/api/v1/actions/${actionA}/prorrogas`, { requestedDueDate, justification: 'Se requiere más tiempo' }).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'requestedDueDate', message: expect.stringContaining('posterior a hoy') })]);
        expect(await fingerprint(t.db)).toEqual(before);
      }
    });
  });
});
