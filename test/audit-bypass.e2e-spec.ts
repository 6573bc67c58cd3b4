import { Client as PgClient } from 'pg';
import { AUDITED_TABLES } from '../migrations/1795310000000-identity-and-audit';
import { verifyAuditChain } from '../src/modules/audit/audit-verifier';
import { createTestApp, TestApp } from './support/app';
import { Factory } from './support/factories';

/**
 * R12, the trail: the application's own database role (asm_app, connected as
 * the API connects) tries every way we know to change audited data without
 * leaving an event in public.audit_events. Each attempt may fail (refused by
 * PostgreSQL) or succeed, but a change to audited data must always come with
 * its event, and the chain must still verify.
 */
describe('R12: the application role cannot change audited data without an event', () => {
  let t: TestApp;
  let asmId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const u = await t.user({ roles: ['administrador', 'coordinador'] });
    const c = await t.as(u);
    const f = Factory.joining(c, t.db, u.id);
    asmId = (await f.asmOfItsOwn('2019-2020')).id;
  });

  afterAll(async () => {
    await t.close();
  });

  /** Digest of every audited table, and how many events the public trail holds. */
  async function state(): Promise<{ data: string; events: number }> {
    const digests = await Promise.all(
      Object.keys(AUDITED_TABLES).map(async (table) => {
        const { rows } = await t.db.query(`SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${table} x`);
        return `${table}:${rows[0].h}`;
      }),
    );
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM public.audit_events`);
    return { data: digests.join(','), events: rows[0].n };
  }

  /** Runs the statements in one session of the application role; returns the first refusal, if any. */
  async function asApp(statements: string[]): Promise<string | undefined> {
    const app = new PgClient({ connectionString: t.config.get('DATABASE_URL') });
    await app.connect();
    try {
      for (const sql of statements) {
        try {
          await app.query(sql);
        } catch (err) {
          await app.query('ROLLBACK').catch(() => undefined);
          return `${(err as { code?: string }).code}: ${(err as Error).message}`;
        }
      }
      return undefined;
    } finally {
      await app.end();
    }
  }

  const change = (text: string) => `UPDATE asms SET text = '${text}', version = version + 1 WHERE id = '${'$ASM'}'`;
  const shadowTable = `CREATE TEMP TABLE audit_events (LIKE public.audit_events INCLUDING DEFAULTS)`;

  const ATTEMPTS: Record<string, string[]> = {
    'a temporary table shadowing audit_events': [shadowTable, change('sombra temporal')],
    'a temporary table first in an explicit search_path': ['SET search_path = pg_temp, public', shadowTable, change('sombra con search_path')],
    'a temporary function shadowing the canonical form': [
      `CREATE FUNCTION pg_temp.audit_canonical(bigint, timestamptz, uuid, text[], text, text, text, text, text, jsonb, jsonb) RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$`,
      change('función temporal'),
    ],
    'a table in a new schema first in the search_path': [
      'CREATE SCHEMA sombra',
      'CREATE TABLE sombra.audit_events (LIKE public.audit_events)',
      'SET search_path = sombra, public',
      change('esquema propio'),
    ],
    'a table of its own in public': ['CREATE TABLE public.audit_events_copia (LIKE public.audit_events)', change('tabla propia')],
    'disabling the audit trigger': [`ALTER TABLE asms DISABLE TRIGGER asms_audit`, change('disparador apagado')],
    'disabling every trigger': [`ALTER TABLE asms DISABLE TRIGGER ALL`, change('todos apagados')],
    'dropping the audit trigger': [`DROP TRIGGER asms_audit ON asms`, change('disparador borrado')],
    'session_replication_role = replica': [`SET session_replication_role = replica`, change('modo réplica')],
    'SET LOCAL session_replication_role inside a transaction': ['BEGIN', `SET LOCAL session_replication_role = replica`, change('réplica local'), 'COMMIT'],
    'replacing the trigger function': [
      `CREATE OR REPLACE FUNCTION public.audit_capture() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
      change('función reemplazada'),
    ],
    'altering the trigger function search_path': [
      `ALTER FUNCTION public.audit_capture() SET search_path = pg_temp, public`,
      shadowTable,
      change('search_path alterado'),
    ],
    'making the trigger function SECURITY INVOKER': [`ALTER FUNCTION public.audit_capture() SECURITY INVOKER`, change('invocador')],
    'taking ownership of the trigger function': [`ALTER FUNCTION public.audit_capture() OWNER TO CURRENT_USER`, change('dueño')],
    'replacing the canonical form': [
      `CREATE OR REPLACE FUNCTION public.audit_canonical(bigint, timestamptz, uuid, text[], text, text, text, text, text, jsonb, jsonb) RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$`,
      change('canónica reemplazada'),
    ],
    'a rule that rewrites the update': [`CREATE RULE sin_rastro AS ON UPDATE TO asms DO INSTEAD NOTHING`, change('regla')],
    'a trigger of its own': [`CREATE TRIGGER propio BEFORE UPDATE ON asms FOR EACH ROW EXECUTE FUNCTION refuse_change()`, change('disparador propio')],
    'writing the trail directly': [
      `INSERT INTO audit_events (seq, occurred_at, entity, entity_id, operation, prev_hash, hash) VALUES (999999, now(), 'asms', 'x', 'update', repeat('0', 64), repeat('1', 64))`,
    ],
    'rewriting the trail': [`UPDATE audit_events SET after = '{}'::jsonb`],
    'deleting from the trail': [`DELETE FROM audit_events`],
    'disabling the trail immutability trigger': [`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`, `DELETE FROM audit_events`],
    'truncating the trail': [`TRUNCATE audit_events`],
    'truncating an audited table (no row triggers)': [`TRUNCATE action_areas`],
    'truncating audited tables in cascade': [`TRUNCATE asms CASCADE`],
    'becoming a superuser role': [`SET ROLE postgres`, change('otro rol')],
    'an extension': [`CREATE EXTENSION IF NOT EXISTS pgcrypto`],
  };

  for (const [name, statements] of Object.entries(ATTEMPTS)) {
    it(`${name}: refused, or the change is in the trail`, async () => {
      const before = await state();
      const refusal = await asApp(statements.map((s) => s.replace('$ASM', asmId)));
      const after = await state();
      if (after.data !== before.data) {
        expect(after.events).toBeGreaterThan(before.events);
        const { rows } = await t.db.query(`SELECT after FROM public.audit_events WHERE entity = 'asms' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`, [asmId]);
        const { rows: current } = await t.db.query(`SELECT text FROM asms WHERE id = $1`, [asmId]);
        expect(rows[0]?.after?.text).toBe(current[0].text);
      } else {
        expect(after.events).toBe(before.events);
        expect(refusal).toBeDefined();
      }
      // Whatever happened, nothing of it lingers for the next session, and the chain holds.
      const admin = new PgClient({ connectionString: t.config.get('DATABASE_URL').replace(/\/\/[^@/]*@/, '//postgres@') });
      await admin.connect();
      try {
        expect((await verifyAuditChain(admin)).ok).toBe(true);
        const triggers = await admin.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'asms'::regclass AND tgenabled = 'O' AND NOT tgisinternal`);
        expect(triggers.rows.map((r) => r.tgname)).toEqual(['asms_audit']);
      } finally {
        await admin.end();
      }
    });
  }

  it('a legitimate change through the same role is in the trail (the attempts above are not vacuous)', async () => {
    const before = await state();
    expect(await asApp([change('cambio legítimo').replace('$ASM', asmId)])).toBeUndefined();
    const after = await state();
    expect(after.data).not.toBe(before.data);
    expect(after.events).toBe(before.events + 1);
  });

  it('the application role holds no TEMPORARY or CREATE privilege, and owns nothing', async () => {
    const role = new URL(t.config.get('DATABASE_URL')).username;
    const { rows } = await t.db.query(
      `SELECT has_database_privilege($1, current_database(), 'TEMPORARY') AS temp,
              has_database_privilege($1, current_database(), 'CREATE') AS create_schema,
              has_schema_privilege($1, 'public', 'CREATE') AS create_in_public,
              (SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND pg_has_role($1, c.relowner, 'USAGE')) AS owned_relations,
              (SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'public' AND pg_has_role($1, p.proowner, 'USAGE')) AS owned_functions`,
      [role],
    );
    expect(rows[0]).toEqual({ temp: false, create_schema: false, create_in_public: false, owned_relations: 0, owned_functions: 0 });
  });

  it('every function of the schema (but those of extensions) pins its search_path with pg_temp last', async () => {
    const { rows } = await t.db.query<{ name: string; config: string[] | null }>(
      `SELECT p.proname AS name, p.proconfig AS config FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        ORDER BY 1`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const path = (r.config ?? []).find((s) => s.startsWith('search_path='));
      expect({ name: r.name, path }).toEqual({ name: r.name, path: expect.stringMatching(/^search_path=pg_catalog, public, pg_temp$/) });
    }
  });

  describe('with TEMPORARY granted back on this database (defence in depth)', () => {
    beforeAll(async () => {
      const role = new URL(t.config.get('DATABASE_URL')).username;
      const { rows } = await t.db.query(`SELECT current_database() AS d`);
      await t.db.query(`GRANT TEMPORARY ON DATABASE ${rows[0].d} TO ${role}`);
    });

    afterAll(async () => {
      const role = new URL(t.config.get('DATABASE_URL')).username;
      const { rows } = await t.db.query(`SELECT current_database() AS d`);
      await t.db.query(`REVOKE TEMPORARY ON DATABASE ${rows[0].d} FROM ${role}`);
    });

    for (const name of ['a temporary table shadowing audit_events', 'a temporary table first in an explicit search_path']) {
      it(`${name}: the trigger still writes the public trail`, async () => {
        const before = await state();
        const refusal = await asApp(ATTEMPTS[name].map((s) => s.replace('$ASM', asmId)));
        expect(refusal).toBeUndefined();
        const after = await state();
        expect(after.data).not.toBe(before.data);
        expect(after.events).toBe(before.events + 1);
      });
    }
  });
});
