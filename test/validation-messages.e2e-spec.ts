import { randomUUID } from 'node:crypto';
import { getMetadataStorage } from 'class-validator';
import type { Response, Test } from 'supertest';
import { CSRF_HEADER } from '../src/modules/identity/auth/browser-session';
import { FieldInfo, FieldKind, fieldsOf, noun } from '../src/common/validation/field-names';
import { Client, createTestApp, TestApp } from './support/app';
import { listRoutes, RouteInfo } from './support/routes';

/*
 * Validation messages are read on screen: they name each field as the user
 * sees it, in Spanish, say that a missing field is required and what a field
 * of the wrong type expects, and carry the API's field name only in details
 * (the web app puts each message beside its input by that name). The cases
 * are generated from the request classes of the application's own route table
 * (their field metadata), so a new route or field is covered without touching
 * this file: for every route, a body (or query string) missing each required
 * field, and one with each field of the wrong type, nested items included.
 */

type Case = {
  route: RouteInfo;
  where: 'body' | 'query';
  field: string;
  label: string;
  expect: 'required' | 'type';
  body?: object;
  query?: Record<string, string>;
};

/** A value of the wrong type for each kind of field (JSON bodies). */
const WRONG: Record<FieldKind, unknown> = {
  text: 12345,
  pattern: 12345,
  int: 'doce',
  decimal: 'doce',
  boolean: 'quizá',
  uuid: 12345,
  uuids: 'no es una lista',
  enum: 12345,
  enums: 'no es una lista',
  date: 20301231,
  email: 12345,
  nested: 'no es una lista',
  any: undefined,
};

/** In a query string everything is text: only what text cannot be. */
const WRONG_IN_QUERY: Partial<Record<FieldKind, string>> = { int: 'doce', boolean: 'quizá', uuid: 'no-es-uuid', enum: 'ninguno', date: '31/12/2030' };

/** Path parameters as the routes take them. */
function pathOf(route: RouteInfo): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === 'id') return randomUUID();
    if (name === 'kind') return route.path.startsWith('/api/v1/cortes') ? 'avance-institucional' : 'documento-institucional';
    if (name === 'source') return 'oficial';
    if (name === 'key') return 'institucion.nombre';
    throw new Error(`${route.key}: give the path parameter "${name}" a sample value here`);
  });
}

const sampleOf = (fields: FieldInfo[]) => Object.fromEntries(fields.filter((f) => !f.optional).map((f) => [f.property, f.sample]));

function casesOf(route: RouteInfo): Case[] {
  const cases: Case[] = [];
  if (route.body && route.method !== 'GET') {
    const fields = fieldsOf(route.body);
    const base = sampleOf(fields);
    for (const f of fields) {
      if (!f.optional) {
        const { [f.property]: _gone, ...body } = base;
        cases.push({ route, where: 'body', field: f.property, label: f.label, expect: 'required', body });
      }
      if (WRONG[f.kind] !== undefined)
        cases.push({ route, where: 'body', field: f.property, label: f.label, expect: 'type', body: { ...base, [f.property]: WRONG[f.kind] } });
      if (f.kind === 'nested' && f.itemType) {
        const items = fieldsOf(f.itemType());
        const item = sampleOf(items);
        for (const g of items) {
          const at = `${f.property}[0].${g.property}`;
          if (!g.optional) {
            const { [g.property]: _gone, ...without } = item;
            cases.push({ route, where: 'body', field: at, label: g.label, expect: 'required', body: { ...base, [f.property]: [without] } });
          }
          if (WRONG[g.kind] !== undefined)
            cases.push({
              route,
              where: 'body',
              field: at,
              label: g.label,
              expect: 'type',
              body: { ...base, [f.property]: [{ ...item, [g.property]: WRONG[g.kind] }] },
            });
        }
      }
    }
  }
  if (route.query) {
    for (const f of fieldsOf(route.query)) {
      const base = Object.fromEntries(
        fieldsOf(route.query)
          .filter((g) => !g.optional && g !== f)
          .map((g) => [g.property, String(g.sample)]),
      );
      if (!f.optional) cases.push({ route, where: 'query', field: f.property, label: f.label, expect: 'required', query: base });
      const wrong = WRONG_IN_QUERY[f.kind];
      if (wrong !== undefined)
        cases.push({ route, where: 'query', field: f.property, label: f.label, expect: 'type', query: { ...base, [f.property]: wrong } });
    }
  }
  return cases;
}

const ROUTES = listRoutes();
const CASES = ROUTES.flatMap(casesOf);

describe('validation messages name every field in Spanish', () => {
  let t: TestApp;
  let c: Client;

  beforeAll(async () => {
    t = await createTestApp();
    c = await t.as(await t.user({ roles: ['administrador', 'evaluacion', 'coordinador', 'responsable', 'consulta'] }));
  });

  afterAll(async () => {
    const routes = new Set(CASES.map((k) => k.route.key)).size;
    process.stdout.write(`\nMensajes de validación: ${CASES.length} casos en ${routes} rutas (campo faltante y de tipo equivocado).\n`);
    await t?.close();
  });

  it('gives every validated property of every request class a Spanish label', () => {
    const storage = getMetadataStorage();
    const classes = new Set(ROUTES.flatMap((r) => [r.body, r.query]).filter((x): x is new () => object => Boolean(x)));
    for (const cls of [...classes]) for (const f of fieldsOf(cls)) if (f.itemType) classes.add(f.itemType());
    const unlabeled: string[] = [];
    for (const cls of classes) {
      const labeled = new Set(fieldsOf(cls).map((f) => f.property));
      const validated = new Set(storage.getTargetValidationMetadatas(cls, '', true, false).map((m) => m.propertyName));
      for (const p of validated) if (!labeled.has(p)) unlabeled.push(`${cls.name}.${p}`);
      for (const f of fieldsOf(cls)) expect(() => noun(f.label)).not.toThrow();
    }
    expect(unlabeled).toEqual([]);
    // Every write route that takes a JSON body is among the generated cases.
    const withBody = ROUTES.filter((r) => r.body && r.method !== 'GET').map((r) => r.key);
    expect(withBody.length).toBeGreaterThan(30);
    expect(new Set(CASES.filter((k) => k.where === 'body').map((k) => k.route.key))).toEqual(new Set(withBody));
  });

  function send(k: Case): Test {
    const agent = t.http as unknown as Record<string, (url: string) => Test>;
    const qs = new URLSearchParams(k.query ?? {}).toString();
    const req = agent[k.route.method.toLowerCase()](`${pathOf(k.route)}${qs ? `?${qs}` : ''}`);
    if (!k.route.isPublic) req.set('Authorization', `Bearer ${c.token}`);
    // The web session routes refuse a request without the CSRF header before validating it.
    if (k.route.requiredHeaders.includes(CSRF_HEADER)) req.set(CSRF_HEADER, '1');
    return k.body ? req.send(k.body) : req;
  }

  /** Identifiers of the request (its properties) that are not Spanish words of its labels, and any camelCase word. */
  function englishIn(text: string, k: Case): string[] {
    const fields = [...(k.route.body ? fieldsOf(k.route.body) : []), ...(k.route.query ? fieldsOf(k.route.query) : [])];
    const words = new Set(fields.flatMap((f) => f.label.toLowerCase().split(/[^\p{L}]+/u)));
    const identifiers = fields.map((f) => f.property).filter((p) => !words.has(p.toLowerCase()));
    return [...identifiers.filter((p) => new RegExp(`(^|[^\\p{L}\\w])${p}($|[^\\p{L}\\w])`, 'u').test(text)), ...(text.match(/\b[a-z]+[A-Z]\w*\b/g) ?? [])];
  }

  const byRoute = new Map<string, Case[]>();
  for (const k of CASES) byRoute.set(k.route.key, [...(byRoute.get(k.route.key) ?? []), k]);

  for (const [key, cases] of byRoute) {
    it(`${key}: ${cases.length} cases`, async () => {
      for (const k of cases) {
        const res: Response = await send(k);
        const what = `${k.where} ${k.expect} ${k.field}: ${res.status} ${JSON.stringify(res.body)}`;
        expect([what, res.status]).toEqual([what, 400]);
        expect([what, res.body.code]).toEqual([what, 'VALIDATION_FAILED']);
        // Exactly the field at fault, by its API name.
        expect([what, res.body.details.map((d: { field: string }) => d.field)]).toEqual([what, [k.field]]);
        const message: string = res.body.details[0].message;
        const name = noun(k.label).name.replace(/^\S+ /, '');
        expect([what, message.toLowerCase().includes(name.toLowerCase())]).toEqual([what, true]);
        expect([what, message]).toEqual([
          what,
          k.expect === 'required' ? expect.stringMatching(/ (es|son) obligatori[oa]s?\.$/) : expect.stringMatching(/ deben? ser /),
        ]);
        expect([what, englishIn(`${res.body.message} ${message}`, k)]).toEqual([what, []]);
      }
    });
  }
});
