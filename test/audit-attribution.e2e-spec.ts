import { Client as PgClient } from 'pg';
import { verifyAuditChain } from '../src/modules/audit/audit-verifier';
import { Client, createTestApp, TestApp } from './support/app';
import { createTestDatabase, dropTestDatabase } from './support/database';
import { Factory } from './support/factories';

/**
 * Who made a change: the actor settings (asm.actor_id, asm.ip_address, …) can
 * be set by any session, so the trail also records the connection itself
 * (database login and client address). A change attributed to a person
 * through any login other than the application's shows that login.
 */
describe('audit attribution: the connection is recorded next to the claimed actor', () => {
  let t: TestApp;
  let c: Client;
  let adminId: string;
  let asmId: string;
  const appRole = () => new URL(t.config.get('DATABASE_URL')).username;

  beforeAll(async () => {
    t = await createTestApp();
    const u = await t.user({ roles: ['administrador', 'coordinador', 'evaluacion'] });
    adminId = u.id;
    c = await t.as(u);
    const f = Factory.joining(c, t.db, u.id);
    asmId = (await f.asmOfItsOwn('2019-2020')).id;
  });

  afterAll(async () => {
    await t.close();
  });

  async function lastEventOf(id: string): Promise<Record<string, unknown>> {
    const { rows } = await t.db.query(`SELECT * FROM audit_events WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`, [id]);
    return rows[0];
  }

  async function forge(url: string, text: string): Promise<void> {
    const s = new PgClient({ connectionString: url });
    await s.connect();
    try {
      await s.query(
        `SELECT set_config('asm.actor_id', $1, false), set_config('asm.actor_roles', 'administrador', false), set_config('asm.ip_address', '10.9.9.9', false)`,
        [adminId],
      );
      await s.query(`UPDATE asms SET text = $2 WHERE id = $1`, [asmId, text]);
    } finally {
      await s.end();
    }
  }

  it('a change through the API records the application login and its client address', async () => {
    const res = await c.patch(`/api/v1/asms/${asmId}`, { version: 1, text: 'Cambio por la API' }).expect(200);
    const e = await lastEventOf(asmId);
    expect(e).toMatchObject({ request_id: res.headers['x-request-id'], actor_id: adminId, db_role: appRole(), db_client: '127.0.0.1' });
  });

  it('a change attributed to the administrator from 10.9.9.9 by another login shows that login', async () => {
    const ownerUrl = t.config.get('DATABASE_URL').replace(`//${appRole()}@`, '//postgres@');
    await forge(ownerUrl, 'Cambio con atribución falsa');
    const e = await lastEventOf(asmId);
    expect(e).toMatchObject({ actor_id: adminId, ip_address: '10.9.9.9', db_role: 'postgres' });
    // Auditors see it through the API too.
    const consulta = await t.as(await t.user({ roles: ['consulta'] }));
    const listed = await consulta.get(`/api/v1/audit?entityId=${asmId}&pageSize=1`).expect(200);
    expect(listed.body.items[0]).toMatchObject({ actorId: adminId, ipAddress: '10.9.9.9', dbRole: 'postgres' });
  });

  it('the recorded connection is part of the hashed content', async () => {
    await forge(t.config.get('DATABASE_URL'), 'Otro cambio');
    const e = await lastEventOf(asmId);
    expect(e.db_role).toBe(appRole());
    const admin = await t.db.connect();
    try {
      await admin.query(`SET session_replication_role = replica`);
      await admin.query(`UPDATE audit_events SET db_role = $2 WHERE seq = $1`, [e.seq, 'otro_rol']);
    } finally {
      await admin.query(`RESET session_replication_role`);
      admin.release();
    }
    const v = new PgClient({ connectionString: t.config.get('DATABASE_URL').replace(`//${appRole()}@`, '//postgres@') });
    await v.connect();
    try {
      expect((await verifyAuditChain(v)).broken).toMatchObject({ seq: Number(e.seq), reason: expect.stringContaining('alterado') });
    } finally {
      await v.end();
    }
  });

  it('events written before the connection was recorded still verify, and the chain continues from them', async () => {
    const db = await createTestDatabase();
    const owner = new PgClient({ connectionString: db.url });
    await owner.connect();
    try {
      // Two events in the form they had before migration 1796000100000 (no db_role, no db_client).
      for (const seq of [1, 2]) {
        await owner.query(
          `INSERT INTO audit_events (seq, occurred_at, actor_id, actor_roles, request_id, ip_address, entity, entity_id, operation, before, after, prev_hash, hash)
           SELECT v.seq, v.at, NULL, '{}', 'antiguo', NULL, 'areas', 'x', 'insert', NULL, '{"name":"Antigua"}'::jsonb, v.prev,
                  encode(sha256(convert_to(v.prev || jsonb_build_object(
                    'seq', v.seq, 'occurred_at', to_char(v.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'actor_id', NULL::uuid,
                    'actor_roles', to_jsonb('{}'::text[]), 'request_id', 'antiguo', 'ip_address', NULL::text, 'entity', 'areas', 'entity_id', 'x',
                    'operation', 'insert', 'before', NULL::jsonb, 'after', '{"name":"Antigua"}'::jsonb)::text, 'UTF8')), 'hex')
             FROM (SELECT $1::bigint AS seq, now() AS at, COALESCE((SELECT hash FROM audit_events WHERE seq = $1 - 1), repeat('0', 64)) AS prev) v`,
          [seq],
        );
      }
      await owner.query(`INSERT INTO areas (name, name_key) VALUES ('Área nueva', 'area nueva')`);
      const { rows } = await owner.query(`SELECT seq, db_role FROM audit_events ORDER BY seq`);
      expect(rows).toEqual([
        { seq: 1, db_role: null },
        { seq: 2, db_role: null },
        { seq: 3, db_role: 'postgres' },
      ]);
      expect(await verifyAuditChain(owner)).toMatchObject({ ok: true, checked: 3 });
    } finally {
      await owner.end();
      await dropTestDatabase(db.name);
    }
  });
});
