import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { getMetadataStorage } from 'class-validator';
import { API_CONTROLLERS } from '../src/api.module';
import { PageQuery } from '../src/common/http/pagination';
import { foldText } from '../src/common/text';
import { ASM_STATUSES, CLASSIFICATIONS, PRIORITIES } from '../src/modules/asm/asm.types';
import { ROLES } from '../src/modules/identity/identity.types';
import { AVANCE_STATUSES } from '../src/modules/progress/progress.types';
import { PRORROGA_STATUSES } from '../src/modules/progress/progress.types';
import { DELIVERY_STATUSES } from '../src/modules/reminders/reminders.types';
import { CORTE_STATUSES } from '../src/modules/reporting/reporting.types';
import { AVANCE_STATES, SEMAFOROS } from '../src/modules/worklist/worklist.view';
import { Client, createTestApp, TestApp } from './support/app';
import { Factory } from './support/factories';
import { listRoutes } from './support/routes';

/**
 * R12, visibility: for every list endpoint and every filter or search
 * parameter, what an actor gets equals the filter applied by this test to
 * what that actor can read (the endpoint without filters). A filter that
 * matches on something the actor cannot read (another area's action of a
 * shared ASM, its text, its due date) shows up as a difference. Every
 * parameter of every list must have its rule here: a new filter without one
 * fails the last test.
 */

type Item = Record<string, unknown> & { id?: string; seq?: number; rowOrder?: number };
type Matcher = (item: Item, value: string) => boolean;

const TZ = 'America/Mexico_City';
const dayIn = (at: unknown) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date(at as string));
/** `haystack`: a text field of a list item (text or null). */
const contains = (haystack: unknown, needle: string) =>
  String((haystack as string | null) ?? '')
    .toLowerCase()
    .includes(needle.toLowerCase());
const folded = (haystack: unknown, needle: string) => foldText(String((haystack as string | null) ?? '')).includes(foldText(needle));
const actionsOf = (item: Item) => item.actions as { description: string; overdue: boolean; responsibleAreas: { id: string }[] }[];

describe('R12: every filter and search of every list matches only what the actor can read', () => {
  let t: TestApp;
  let boss: Client;
  const actors: Record<string, Client> = {};
  const probes: Record<string, string[]> = {};
  let corteId = '';

  beforeAll(async () => {
    t = await createTestApp();
    const bossUser = await t.user({ roles: ['administrador', 'evaluacion'] });
    boss = await t.as(bossUser);
    const f = new Factory(boss);
    const [x, y, z, w] = [await f.area('Área Equis'), await f.area('Área Ye'), await f.area('Área Zeta'), await f.area('Área Doble U')];
    const user = async (roles: ('responsable' | 'coordinador' | 'consulta' | 'evaluacion' | 'administrador')[], areaIds: string[]) =>
      t.as(await t.user({ roles, areaIds }));
    actors.respX = await user(['responsable'], [x.id]);
    actors.respY = await user(['responsable'], [y.id]);
    actors.coordZ = await user(['coordinador'], [z.id]);
    actors.coordW = await user(['coordinador'], [w.id]);
    actors.mixed = await user(['coordinador', 'responsable'], [w.id, x.id]);
    actors.consulta = await user(['consulta'], []);
    actors.evaluacion = await user(['evaluacion'], []);
    actors.admin = await user(['administrador'], []);

    // The actors' (default) institution: another institution's ASMs are out of every list of theirs (institution-scope.e2e-spec.ts).
    const inst = await f.defaultInstitution();
    const p1 = await f.program({ institutionId: inst.id, code: '101', name: 'Programa de Vivienda Rural' });
    const p2 = await f.program({ code: '202', name: 'Programa de Becas Norte' });
    const c1 = await f.cycle('2019-2020');
    const c2 = await f.cycle('2020-2021');
    const act = (areas: string[], description: string, dueDate = '2030-12-31') => ({ ...f.action(areas), description, dueDate });
    const asm = async (by: Client, body: Record<string, unknown>, commit = true) => {
      const created = await new Factory(by).asm(body);
      if (!commit) return created;
      return (await by.post(`/api/v1/asms/${created.id}/commit`, { version: created.version }).expect(200)).body;
    };
    const a1 = await asm(actors.coordZ, {
      programId: p1.id,
      cycleId: c1.id,
      coordinatingAreaId: z.id,
      priority: 'alta',
      text: 'Mejorar el padrón ÚNICO de beneficiarios',
      actions: [
        act([x.id], 'Depurar registros duplicados ámbar'),
        act([y.id], 'Conciliar bases zafiro', '2020-01-15'),
        act([x.id, y.id], 'Publicar reglas turquesa'),
      ],
    });
    const a2 = await asm(actors.coordW, {
      programId: p2.id,
      cycleId: c1.id,
      coordinatingAreaId: w.id,
      classification: 'especifico',
      priority: 'media',
      text: 'Actualizar el diagnóstico',
      actions: [act([y.id], 'Revisar indicadores rubí', '2020-01-01'), act([x.id], 'Capacitar al personal jade')],
    });
    await asm(actors.coordZ, {
      programId: p2.id,
      cycleId: c2.id,
      coordinatingAreaId: z.id,
      priority: 'baja',
      text: 'Texto solo de Ye esmeralda',
      actions: [act([y.id], 'Acción ópalo')],
    });
    await asm(actors.coordW, {
      programId: p1.id,
      cycleId: c2.id,
      coordinatingAreaId: w.id,
      classification: 'especifico',
      text: 'Cuarto ASM coral',
      actions: [act([x.id], 'Acción de Equis vencida ónix', '2020-06-30'), act([y.id], 'Acción de Ye al día ámbar')],
    });
    await asm(
      actors.coordZ,
      { programId: p1.id, cycleId: c1.id, coordinatingAreaId: z.id, text: 'Borrador cuarzo', actions: [act([x.id], 'Acción en borrador')] },
      false,
    );

    // A cut with avances and prórrogas of both responsible areas, then closed (its snapshot is a list too).
    const corte = (await boss.post('/api/v1/cortes', { year: 2022, month: 9 }).expect(201)).body;
    const opened = (await boss.post(`/api/v1/cortes/${corte.id}/open`, { version: corte.version }).expect(200)).body;
    corteId = opened.id;
    const report = async (by: Client, actionId: string, percent: number, submit: boolean) => {
      const av = (await by.post(`/api/v1/actions/${actionId}/avances`, { percent }).expect(201)).body;
      return submit ? (await by.post(`/api/v1/avances/${av.id}/submit`, { version: av.version }).expect(200)).body : av;
    };
    const byDesc = (a: { actions: { id: string; description: string }[] }, d: string) => a.actions.find((x) => x.description === d)!.id;
    const ax = await report(actors.respX, byDesc(a1, 'Depurar registros duplicados ámbar'), 50, true);
    await actors.coordZ.post(`/api/v1/avances/${ax.id}/approve`, { version: ax.version }).expect(200);
    await report(actors.respY, byDesc(a1, 'Conciliar bases zafiro'), 30, true);
    await report(actors.respX, byDesc(a2, 'Capacitar al personal jade'), 20, false);
    await report(actors.respY, byDesc(a2, 'Revisar indicadores rubí'), 10, true);
    await actors.respX
      .post(`/api/v1/actions/${byDesc(a1, 'Publicar reglas turquesa')}/prorrogas`, { requestedDueDate: '2031-06-30', justification: 'Falta presupuesto' })
      .expect(201);
    await actors.respY
      .post(`/api/v1/actions/${byDesc(a2, 'Revisar indicadores rubí')}/prorrogas`, { requestedDueDate: '2031-01-31', justification: 'Cambio de titular' })
      .expect(201);
    const current = (await boss.get(`/api/v1/cortes/${corteId}`).expect(200)).body;
    await boss.post(`/api/v1/cortes/${corteId}/close`, { version: current.version, force: true }).expect(200);
    // A second cut, open, so that the cuts list filters on something.
    const next = (await boss.post('/api/v1/cortes', { year: 2023, month: 3 }).expect(201)).body;
    await boss.post(`/api/v1/cortes/${next.id}/open`, { version: next.version }).expect(200);

    // Every value a probe may take: every id of each kind (visible to the actor or not), every enum value, words of every text.
    const ids = async (sql: string) => (await t.db.query(sql)).rows.map((r) => String(r.v));
    const words = (texts: string[]) => [...new Set(texts.flatMap((s) => [s, ...s.split(/\s+/).filter((w) => w.length > 3)]))];
    probes.area = await ids(`SELECT id AS v FROM areas`);
    probes.program = await ids(`SELECT id AS v FROM programs`);
    probes.cycle = await ids(`SELECT id AS v FROM cycles`);
    probes.asm = await ids(`SELECT id AS v FROM asms`);
    probes.action = await ids(`SELECT id AS v FROM actions`);
    probes.corte = await ids(`SELECT id AS v FROM cortes`);
    probes.institution = await ids(`SELECT id AS v FROM institutions`);
    probes.user = await ids(`SELECT id AS v FROM users`);
    probes.asmText = [
      ...words([...(await ids(`SELECT text AS v FROM asms`)), ...(await ids(`SELECT description AS v FROM actions`))]),
      'UNICO',
      'padron unico',
      'Rubí',
      'nada parecido',
    ];
    probes.catalogText = [
      ...words([
        ...(await ids(
          `SELECT name AS v FROM programs UNION ALL SELECT name FROM institutions UNION ALL SELECT acronym FROM institutions UNION ALL SELECT name FROM areas`,
        )),
      ]),
      'S-101',
      'nada',
    ];
    probes.userText = [...(await ids(`SELECT email AS v FROM users`)).map((e) => e.split('@')[0]), 'prueba.gob', 'Usuario de prueba 3', 'nadie'];
    probes.entity = ['asms', 'actions', 'avances', 'areas', 'cortes', 'nada'];
    probes.entityId = [...probes.asm.slice(0, 3), ...probes.area.slice(0, 2)];
    probes.date = [dayIn(new Date()), '2000-01-01', dayIn(new Date(Date.now() + 86_400_000)), dayIn(new Date(Date.now() - 86_400_000))];
  }, 240_000);

  afterAll(async () => {
    await t.close();
  });

  const uuid = (kind: string) => () => [...probes[kind], '00000000-0000-4000-8000-000000000000'];
  const values =
    (...xs: string[]) =>
    () =>
      xs;

  /** Each list, by its route: for each parameter its probes and its rule over a readable item (and where it is, how to read an item's identity, when not the route's path and the item's id). */
  const LISTS: Record<
    string,
    {
      /** Where the list is, when not the route's own path (a path parameter filled in). */
      path?: () => string;
      /** An item's identity, when not its id. */
      key?: (i: Item) => string;
      /** A required parameter's values: what the actor can read is the union over them. */
      variants?: Record<string, string>[];
      params: Record<string, { probes: () => string[]; match: Matcher }>;
    }
  > = {
    'GET /api/v1/asms': {
      params: {
        programId: { probes: uuid('program'), match: (i, v) => (i.program as { id: string }).id === v },
        cycleId: { probes: uuid('cycle'), match: (i, v) => (i.cycle as { id: string }).id === v },
        classification: { probes: values(...CLASSIFICATIONS), match: (i, v) => i.classification === v },
        priority: { probes: values(...PRIORITIES), match: (i, v) => i.priority === v },
        status: { probes: values(...ASM_STATUSES), match: (i, v) => i.status === v },
        coordinatingAreaId: { probes: uuid('area'), match: (i, v) => (i.coordinatingArea as { id: string } | null)?.id === v },
        responsibleAreaId: { probes: uuid('area'), match: (i, v) => actionsOf(i).some((a) => a.responsibleAreas.some((r) => r.id === v)) },
        overdue: { probes: values('true', 'false'), match: (i, v) => actionsOf(i).some((a) => a.overdue) === (v === 'true') },
        q: { probes: () => probes.asmText, match: (i, v) => folded(i.text, v) || actionsOf(i).some((a) => folded(a.description, v)) },
      },
    },
    'GET /api/v1/actions': {
      params: {
        responsibleAreaId: { probes: uuid('area'), match: (i, v) => (i.responsibleAreas as { id: string }[]).some((r) => r.id === v) },
        asmId: { probes: uuid('asm'), match: (i, v) => i.asmId === v },
        overdue: { probes: values('true', 'false'), match: (i, v) => i.overdue === (v === 'true') },
      },
    },
    'GET /api/v1/avances': {
      params: {
        status: { probes: values(...AVANCE_STATUSES), match: (i, v) => i.status === v },
        corteId: { probes: uuid('corte'), match: (i, v) => (i.corte as { id: string }).id === v },
        actionId: { probes: uuid('action'), match: (i, v) => i.actionId === v },
        asmId: { probes: uuid('asm'), match: (i, v) => i.asmId === v },
      },
    },
    'GET /api/v1/prorrogas': {
      params: {
        status: { probes: values(...PRORROGA_STATUSES), match: (i, v) => i.status === v },
        actionId: { probes: uuid('action'), match: (i, v) => i.actionId === v },
      },
    },
    'GET /api/v1/worklist/actions': {
      params: {
        q: {
          probes: () => [...probes.asmText, ...probes.catalogText],
          match: (i, v) => {
            const asm = i.asm as { text: string; program: { name: string; key: string } };
            return folded(i.description, v) || folded(asm.text, v) || folded(asm.program.name, v) || folded(asm.program.key, v);
          },
        },
        semaforo: { probes: values(...SEMAFOROS), match: (i, v) => i.semaforo === v },
        avance: { probes: values(...AVANCE_STATES), match: (i, v) => ((i.latestAvance as { status: string } | null)?.status ?? 'sin_avance') === v },
        areaId: { probes: uuid('area'), match: (i, v) => (i.responsibleAreas as { id: string }[]).some((r) => r.id === v) },
        asmId: { probes: uuid('asm'), match: (i, v) => (i.asm as { id: string }).id === v },
      },
    },
    'GET /api/v1/worklist/reviews': {
      key: (i) => `${String(i.kind)}:${String(i.id)}`,
      variants: [{ kind: 'avance' }, { kind: 'prorroga' }],
      params: {
        kind: { probes: values('avance', 'prorroga'), match: (i, v) => i.kind === v },
        asmId: { probes: uuid('asm'), match: (i, v) => (i.asm as { id: string }).id === v },
      },
    },
    'GET /api/v1/cortes/:id/snapshot': { path: () => `/api/v1/cortes/${corteId}/snapshot`, key: (i) => String(i.rowOrder), params: {} },
    'GET /api/v1/cortes': {
      params: {
        status: { probes: values(...CORTE_STATUSES), match: (i, v) => i.status === v },
        institutionId: { probes: uuid('institution'), match: (i, v) => i.institutionId === v },
      },
    },
    'GET /api/v1/audit': {
      key: (i) => String(i.seq),
      params: {
        entity: { probes: () => probes.entity, match: (i, v) => i.entity === v },
        entityId: { probes: () => probes.entityId, match: (i, v) => i.entityId === v },
        actorId: { probes: uuid('user'), match: (i, v) => i.actorId === v },
        from: { probes: () => probes.date, match: (i, v) => dayIn(i.occurredAt) >= v },
        to: { probes: () => probes.date, match: (i, v) => dayIn(i.occurredAt) <= v },
      },
    },
    'GET /api/v1/users': {
      params: {
        q: { probes: () => probes.userText, match: (i, v) => contains(i.fullName, v) || contains(i.email, v) },
        role: { probes: values(...ROLES), match: (i, v) => (i.roles as string[]).includes(v) },
        areaId: { probes: uuid('area'), match: (i, v) => (i.areas as { id: string }[]).some((a) => a.id === v) },
      },
    },
    'GET /api/v1/programs': {
      params: {
        q: { probes: () => probes.catalogText, match: (i, v) => contains(i.name, v) || contains(i.key, v) },
        institutionId: { probes: uuid('institution'), match: (i, v) => i.institutionId === v },
      },
    },
    'GET /api/v1/institutions': {
      params: { q: { probes: () => probes.catalogText, match: (i, v) => contains(i.name, v) || contains(i.acronym, v) } },
    },
    'GET /api/v1/areas': {
      params: { q: { probes: () => probes.catalogText, match: (i, v) => folded(i.name, v) } },
    },
    'GET /api/v1/evaluations': {
      params: { q: { probes: () => probes.catalogText, match: (i, v) => contains(i.title, v) || contains(i.evaluationType, v) } },
    },
    'GET /api/v1/notifications': {
      params: {
        status: { probes: values(...DELIVERY_STATUSES, 'enviando'), match: (i, v) => i.status === v },
        kind: { probes: values('aviso', 'resumen'), match: (i, v) => i.kind === v },
        recipient: { probes: () => probes.userText, match: (i, v) => contains(i.recipientEmail, v) },
        from: { probes: () => probes.date, match: (i, v) => dayIn(i.createdAt) >= v },
        to: { probes: () => probes.date, match: (i, v) => dayIn(i.createdAt) <= v },
      },
    },
  };

  const keyOf = (list: (typeof LISTS)[string]) => list.key ?? ((i: Item) => String(i.id));

  /** readAll over each variant of the list's required parameters (a probe overrides them), merged by key. */
  async function readList(
    c: Client,
    route: string,
    list: (typeof LISTS)[string],
    query: Record<string, string> = {},
  ): Promise<{ status: number; items: Item[] }> {
    const merged = new Map<string, Item>();
    for (const variant of list.variants ?? [{}]) {
      const got = await readAll(c, list.path?.() ?? route.replace(/^GET /, ''), { ...variant, ...query });
      if (got.status !== 200) return got;
      for (const i of got.items) merged.set(keyOf(list)(i), i);
    }
    return { status: 200, items: [...merged.values()] };
  }

  async function readAll(c: Client, path: string, query: Record<string, string> = {}): Promise<{ status: number; items: Item[] }> {
    const items: Item[] = [];
    for (let page = 1; ; page++) {
      const qs = new URLSearchParams({ ...query, page: String(page), pageSize: '100' });
      const res = await c.get(`${path}?${qs}`);
      if (res.status !== 200) return { status: res.status, items };
      items.push(...(res.body.items as Item[]));
      if (items.length >= res.body.total || res.body.items.length === 0) {
        expect(items).toHaveLength(res.body.total);
        return { status: 200, items };
      }
    }
  }

  for (const [route, list] of Object.entries(LISTS)) {
    it(`${route}: each actor's filtered result equals the filter over what it can read`, async () => {
      let compared = 0;
      for (const [who, c] of Object.entries(actors)) {
        const readable = await readList(c, route, list);
        if (readable.status === 403) continue;
        expect(readable.status).toBe(200);
        for (const [param, rule] of Object.entries(list.params)) {
          for (const value of rule.probes()) {
            const got = await readList(c, route, list, { [param]: value });
            expect({ who, param, value, status: got.status }).toEqual({ who, param, value, status: 200 });
            const expected = readable.items
              .filter((i) => rule.match(i, value))
              .map(keyOf(list))
              .sort();
            expect({ who, param, value, keys: got.items.map(keyOf(list)).sort() }).toEqual({ who, param, value, keys: expected });
            compared += 1;
          }
        }
      }
      if (Object.keys(list.params).length) expect(compared).toBeGreaterThan(0);
      // Hundreds of sequential requests for the lists with text search (the whole file ~65 s on a quiet 2-core machine; the worklist alone over
      // 120 s with the machine busy): the limit is there to end a hung run, not to time the lists.
    }, 600_000);
  }

  it('the probes reach what responsables cannot read (the comparisons above are not vacuous)', async () => {
    const all = (await readAll(actors.evaluacion, '/api/v1/asms')).items;
    const x = (await readAll(actors.respX, '/api/v1/asms')).items;
    const hidden = all.flatMap(actionsOf).length - x.flatMap(actionsOf).length;
    expect(hidden).toBeGreaterThanOrEqual(4);
    expect(x.some((a) => actionsOf(a).length < actionsOf(all.find((b) => b.id === a.id)!).length)).toBe(true);
  });

  it('every filter of every list endpoint has its rule in this test', () => {
    const storage = getMetadataStorage();
    const missing: string[] = [];
    for (const route of listRoutes().filter((r) => r.method === 'GET')) {
      const controller = API_CONTROLLERS.find((c) => c.name === route.controller)!;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, route.handler) ?? {}) as Record<string, { index: number }>;
      const queryArg = Object.entries(args).find(([k]) => (Number(k.split(':')[0]) as RouteParamtypes) === RouteParamtypes.QUERY);
      if (!queryArg) continue;
      const types = Reflect.getMetadata('design:paramtypes', controller.prototype, route.handler) as (new () => object)[];
      const dto = types[queryArg[1].index];
      // Lists are the routes whose query is a page query; a document's format or a preview's date is not a filter of a list.
      if (dto !== PageQuery && !(dto.prototype instanceof PageQuery)) continue;
      const params = [...new Set(storage.getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName))].filter(
        (p) => p !== 'page' && p !== 'pageSize',
      );
      const list = LISTS[route.key];
      if (!list) missing.push(route.key);
      else for (const p of params) if (!list.params[p]) missing.push(`${route.key} ?${p}`);
    }
    expect(missing).toEqual([]);
  });
});
