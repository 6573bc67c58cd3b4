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
import { twoInstitutions } from './support/institutions';
import { listRoutes } from './support/routes';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { API_CONTROLLERS } from '../src/api.module';
import { PageQuery } from '../src/common/http/pagination';

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
  /** Users of institution B, one per role, for the list class test. */
  const usersB: Record<string, Client> = {};

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.as(await t.user({ roles: ['administrador'] }));
    await admin.put('/api/v1/settings/institucion.nombre', { value: 'Instituto Alfa de la Salud' }).expect(200);
    const f = new Factory(admin);
    instA = (await f.defaultInstitution()).id;
    const two = await twoInstitutions(t, admin, f);
    ({ instB, evalA, evalB, global } = two);
    const { zA, xA, zB, xB } = two;
    respA = await t.as(await t.user({ roles: ['responsable'], areaIds: [xA.id] }));
    const coordA = await t.as(await t.user({ roles: ['coordinador'], areaIds: [zA.id] }));
    const coordB = await t.as(await t.user({ roles: ['coordinador'], areaIds: [zB.id], institutionId: instB }));
    usersB.coordinador = coordB;
    usersB.evaluacion = evalB;
    for (const [role, areaIds] of [
      ['responsable', [xB.id]],
      ['consulta', []],
      ['administrador', []],
    ] as const) {
      usersB[role] = await t.as(await t.user({ roles: [role], areaIds: [...areaIds], institutionId: instB }));
    }
    const pA = await f.program({ institutionId: instA, code: '301', name: 'Programa Alfa de Salud' });
    const pB = await f.program({ institutionId: instB, code: '302', name: 'Programa Beta de Vivienda' });
    cycleId = (await f.cycle('2021-2022')).id;
    const asm = async (c: Client, programId: string, coordinatingAreaId: string, areaId: string, text: string) => {
      const created = await new Factory(c).asm({ programId, cycleId, coordinatingAreaId, text, actions: [f.action([areaId])] });
      return (await c.post(`/api/v1/asms/${created.id}/commit`, { version: created.version }).expect(200)).body;
    };
    actionA = (await asm(coordA, pA.id, zA.id, xA.id, 'Mejorar la cobertura del Alfa')).actions[0].id;
    await asm(coordB, pB.id, zB.id, xB.id, 'Actualizar el padrón del Beta');
    for (const [who, c] of [
      ['A', evalA],
      ['B', evalB],
    ] as const) {
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
      const { rows } = await t.db.query(`SELECT institution_id AS i FROM cortes WHERE id = ANY($1::uuid[]) ORDER BY (id = $2) DESC`, [
        [corte.A, corte.B],
        corte.A,
      ]);
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

    it("the snapshots froze only each institution's ASMs", async () => {
      const { rows } = await t.db.query(
        `SELECT s.corte_id AS c, p.institution_id AS i, count(*)::int AS n FROM corte_snapshot_rows s JOIN programs p ON p.id = s.program_id GROUP BY 1, 2`,
      );
      expect(rows.map((r) => [r.c === corte.A ? 'A' : 'B', r.i === instA ? 'A' : 'B', r.n]).sort()).toEqual([
        ['A', 'A', 1],
        ['B', 'B', 1],
      ]);
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
    it("is refused in Spanish and nothing is written (yesterday and today in the institution's time zone)", async () => {
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
  describe('every list: a user of one institution never sees a row of another', () => {
    /** Every GET route whose query is a page query (a list), as list-visibility.e2e-spec.ts finds them. */
    const lists = () =>
      listRoutes().filter((route) => {
        if (route.method !== 'GET') return false;
        const controller = API_CONTROLLERS.find((c) => c.name === route.controller)!;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, route.handler) ?? {}) as Record<string, { index: number }>;
        const queryArg = Object.entries(args).find(([k]) => (Number(k.split(':')[0]) as RouteParamtypes) === RouteParamtypes.QUERY);
        if (!queryArg) return false;
        const dto = (Reflect.getMetadata('design:paramtypes', controller.prototype, route.handler) as (new () => object)[])[queryArg[1].index];
        return dto === PageQuery || dto.prototype instanceof PageQuery;
      });
    /** Required parameters of a list. */
    const VARIANTS: Record<string, Record<string, string>[]> = { '/api/v1/worklist/reviews': [{ kind: 'avance' }, { kind: 'prorroga' }] };
    let markersA: string[] = [];

    beforeAll(async () => {
      // Institution A gets a prórroga and an avance (in a new open cut), so that every list has A's rows to leak.
      await respA.post(`/api/v1/actions/${actionA}/prorrogas`, { requestedDueDate: '2031-06-30', justification: 'Cambio de titular' }).expect(201);
      const next = (await evalA.post('/api/v1/cortes', { year: 2024, month: 3 }).expect(201)).body;
      await evalA.post(`/api/v1/cortes/${next.id}/open`, { version: next.version }).expect(200);
      const av = (await respA.post(`/api/v1/actions/${actionA}/avances`, { percent: 40 }).expect(201)).body;
      await respA.post(`/api/v1/avances/${av.id}/submit`, { version: av.version }).expect(200);
      const ids = async (sql: string) => (await t.db.query(sql, [instA])).rows.map((r) => String(r.v));
      markersA = [
        instA,
        ...(await ids(`SELECT a.id AS v FROM asms a JOIN programs p ON p.id = a.program_id WHERE p.institution_id = $1`)),
        ...(await ids(`SELECT x.id AS v FROM actions x JOIN asms a ON a.id = x.asm_id JOIN programs p ON p.id = a.program_id WHERE p.institution_id = $1`)),
        ...(await ids(`SELECT v.id AS v FROM avances v JOIN cortes c ON c.id = v.corte_id WHERE c.institution_id = $1`)),
        ...(await ids(`SELECT r.id AS v FROM prorrogas r JOIN actions x ON x.id = r.action_id JOIN asms a ON a.id = x.asm_id
                        JOIN programs p ON p.id = a.program_id WHERE p.institution_id = $1`)),
        ...(await ids(`SELECT id AS v FROM cortes WHERE institution_id = $1`)),
        ...(await ids(`SELECT id AS v FROM programs WHERE institution_id = $1`)),
        ...(await ids(`SELECT id AS v FROM areas WHERE institution_id = $1`)),
        ...(await ids(`SELECT id::text AS v FROM users WHERE institution_id = $1 UNION ALL SELECT email FROM users WHERE institution_id = $1`)),
        'Programa Alfa de Salud',
        'Mejorar la cobertura del Alfa',
      ];
      expect(markersA.length).toBeGreaterThan(15);
    }, 60_000);

    async function readAll(c: Client, path: string, query: Record<string, string>): Promise<{ status: number; items: unknown[] }> {
      const items: unknown[] = [];
      for (let page = 1; ; page++) {
        const res = await c.get(`${path}?${new URLSearchParams({ ...query, page: String(page), pageSize: '100' })}`);
        if (res.status !== 200) return { status: res.status, items };
        items.push(...res.body.items);
        if (items.length >= res.body.total || res.body.items.length === 0) return { status: 200, items };
      }
    }

    it("covers every list route, and the global role reads A's rows through them (the check is not vacuous)", async () => {
      const paths = lists().map((r) => r.path);
      expect(paths.length).toBeGreaterThanOrEqual(14);
      const seen = new Set<string>();
      for (const path of ['/api/v1/asms', '/api/v1/cortes', '/api/v1/avances', '/api/v1/prorrogas', '/api/v1/programs', '/api/v1/institutions']) {
        const json = JSON.stringify((await readAll(global, path, {})).items);
        for (const m of markersA) if (json.includes(m)) seen.add(path);
      }
      expect([...seen].sort()).toEqual(['/api/v1/asms', '/api/v1/avances', '/api/v1/cortes', '/api/v1/institutions', '/api/v1/programs', '/api/v1/prorrogas']);
    });

    it("no list shows a user of B anything of A, whatever the role (a closed cut's snapshot of A: not found)", async () => {
      const leaks: string[] = [];
      let read = 0;
      for (const route of lists()) {
        for (const [role, c] of Object.entries(usersB)) {
          const paths = route.path.includes(':id') ? [route.path.replace(':id', corte.B), route.path.replace(':id', corte.A)] : [route.path];
          for (const path of paths) {
            for (const variant of VARIANTS[route.path] ?? [{}]) {
              const got = await readAll(c, path, variant);
              if (path.includes(corte.A)) {
                if (got.status !== 404 && got.status !== 403) leaks.push(`${role} ${path}: ${got.status}`);
                continue;
              }
              if (got.status === 403) continue;
              expect({ role, path, status: got.status }).toEqual({ role, path, status: 200 });
              read += got.items.length;
              const json = JSON.stringify(got.items);
              for (const m of markersA) if (json.includes(m)) leaks.push(`${role} ${path}: ${m}`);
            }
          }
        }
      }
      expect(leaks).toEqual([]);
      expect(read).toBeGreaterThan(0);
    }, 120_000);
  });

  describe("an area named on another institution's action", () => {
    it("does not open that action to the area's users: lists filtered by the area, the ASM or the area scope check the institution on every row", async () => {
      const [{ id: xB }] = (await t.db.query(`SELECT id FROM areas WHERE name = 'Responsable Beta'`)).rows;
      const [{ asmId }] = (await t.db.query(`SELECT asm_id AS "asmId" FROM actions WHERE id = $1`, [actionA])).rows;
      // Nothing yet refuses, on writing, an area of B on an action of A (0033, left for later): the reads must not open it.
      await t.db.query(`INSERT INTO action_areas (action_id, area_id, position) VALUES ($1, $2, 2)`, [actionA, xB]);
      try {
        const ids = async (c: Client, q: string) => ((await c.get(`/api/v1/actions${q}`).expect(200)).body.items as { id: string }[]).map((x) => x.id);
        for (const q of ['', `?responsibleAreaId=${xB}`, `?asmId=${asmId}`, '?overdue=false', '?overdue=true']) {
          expect({ q, ids: await ids(usersB.responsable, q) }).toEqual({ q, ids: expect.not.arrayContaining([actionA]) });
        }
        // Not vacuous: the area's own action (of B) is listed.
        expect(await ids(usersB.responsable, `?responsibleAreaId=${xB}`)).toHaveLength(1);
        // The same filters still find it for a reader of its own institution.
        expect(await ids(respA, `?asmId=${asmId}`)).toEqual([actionA]);
        expect(await ids(evalA, `?responsibleAreaId=${xB}`)).toEqual([actionA]);
      } finally {
        await t.db.query(`DELETE FROM action_areas WHERE action_id = $1 AND area_id = $2`, [actionA, xB]);
      }
    });
  });
});
