import { Client as PgClient } from 'pg';
import { AuditAnchorJob } from '../src/modules/audit/audit-anchor.job';
import { AuditAnchors } from '../src/modules/audit/audit-anchors';
import { Clock } from '../src/common/clock';
import { WorkerModule } from '../src/worker.module';
import { appForTests, Client } from './support/app';
import { auditVerify } from './support/audit';
import { recordClosedCut } from './support/documents';
import { Factory } from './support/factories';

/**
 * The head of the bitácora is anchored (a cut closed, a document of record
 * produced, once a day by the worker), so that deleting its newest events,
 * which leaves a shorter valid chain, is detected and named.
 */
describe('audit anchors: the chain must reach every recorded head', () => {
  const t = appForTests();
  let c: Client;
  let f: Factory;
  let corteId: string;

  beforeAll(async () => {
    const u = await t.user({ roles: ['administrador', 'coordinador', 'evaluacion'] });
    c = await t.as(u);
    f = Factory.joining(c, t.db, u.id);
    await f.asmOfItsOwn('2019-2020');
  });

  const head = async () => (await t.db.query(`SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`)).rows[0] as { seq: number; hash: string };
  const anchors = async (source: string) =>
    (await t.db.query(`SELECT reference, audit_seq AS seq, audit_hash AS hash, db_role FROM audit_anchors WHERE source = $1 ORDER BY id`, [source])).rows;

  const verify = (...args: string[]) => auditVerify(t.config.get('DATABASE_URL'), ...args);

  it('closing a cut anchors the head as it was when the cut closed', async () => {
    const created = (await c.post('/api/v1/cortes', { year: 2022, month: 9 }).expect(201)).body;
    const opened = (await c.post(`/api/v1/cortes/${created.id}/open`, { version: created.version }).expect(200)).body;
    const before = await head();
    await c.post(`/api/v1/cortes/${opened.id}/close`, { version: opened.version }).expect(200);
    corteId = opened.id;
    const [anchor] = await anchors('corte');
    expect(anchor).toMatchObject({ reference: `Septiembre-2022 ${corteId}`, seq: before.seq, hash: before.hash, db_role: 'asm_app' });
  });

  it('recording a document of record (the worker, after the cut closed) anchors the head with its SHA-256', async () => {
    await recordClosedCut(t, corteId);
    const res = await c.get(`/api/v1/cortes/${corteId}/documents/avance-institucional?format=csv`).expect(200);
    const now = await head();
    const [anchor] = await anchors('documento');
    expect(anchor).toMatchObject({
      reference: `avance-institucional.csv corte ${corteId} sha256 ${res.headers['x-content-sha256']}`,
      seq: now.seq,
      hash: now.hash,
    });
  });

  it('the worker anchors once a day, however many times (or workers) ask', async () => {
    expect(WorkerModule.forRoot(t.config).providers).toContain(AuditAnchorJob);
    const scheduler = new AuditAnchorJob(t.app.get(AuditAnchors), t.app.get(Clock));
    await Promise.all([scheduler.anchorToday(), scheduler.anchorToday(), scheduler.anchorToday()]);
    await c.post('/api/v1/areas', { name: 'Área después del ancla diaria' }).expect(201);
    await scheduler.anchorToday();
    const daily = await anchors('diario');
    expect(daily).toHaveLength(1);
    expect(daily[0].reference).toBe(t.app.get(Clock).today());
    expect(daily[0].seq).toBeLessThan((await head()).seq);
  });

  it('the application role anchors only the real head and cannot rewrite anchors', async () => {
    const app = new PgClient({ connectionString: t.config.get('DATABASE_URL') });
    await app.connect();
    try {
      for (const sql of [
        `INSERT INTO audit_anchors (source, reference, audit_seq, audit_hash, db_role) VALUES ('corte', 'falsa', 1, repeat('0', 64), 'x')`,
        `UPDATE audit_anchors SET audit_seq = 0`,
        `DELETE FROM audit_anchors`,
        `TRUNCATE audit_anchors`,
      ]) {
        await expect(app.query(sql)).rejects.toMatchObject({ code: '42501' });
      }
      const { rows } = await app.query(`SELECT * FROM audit_anchor('documento', 'prueba')`);
      expect(rows[0]).toMatchObject({ audit_seq: (await head()).seq, recorded: true });
    } finally {
      await app.end();
    }
  });

  it('an intact chain verifies against every anchor and prints its head to keep outside', async () => {
    const h = await head();
    const ok = await verify();
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`Bitácora íntegra: ${h.seq} eventos verificados`);
    // The cut, its seven documents of record (anchored when it closed), the day, and the role's own.
    expect(ok.out).toMatch(/; 10 ancla\(s\) coinciden/);
    expect(ok.out).toContain(`Último evento: ${h.seq}:${h.hash}`);
    expect((await verify('--ancla', `${h.seq}:${h.hash}`)).code).toBe(0);
    const bad = await verify('--ancla', 'no-es-un-ancla');
    expect(bad.code).toBe(2);
  });

  describe('after tampering behind the application (as a superuser)', () => {
    async function asSuperuser(fn: (db: PgClient) => Promise<void>): Promise<void> {
      const admin = new PgClient({ connectionString: t.config.get('DATABASE_URL').replace('//asm_app@', '//postgres@') });
      await admin.connect();
      try {
        await admin.query(`SET session_replication_role = replica`);
        await fn(admin);
      } finally {
        await admin.end();
      }
    }

    it('deleting the newest events is named, with the range that is missing', async () => {
      const h = await head();
      const anchor = (await t.db.query(`SELECT * FROM audit_anchor('documento', 'antes del borrado')`)).rows[0];
      expect(Number(anchor.audit_seq)).toBe(h.seq);
      await asSuperuser(async (db) => {
        await db.query(`DELETE FROM audit_events WHERE seq > $1`, [h.seq - 3]);
      });
      const res = await verify();
      expect(res.code).toBe(1);
      expect(res.out).toContain(
        `el primer eslabón roto es el ${h.seq - 2}: faltan los eventos ${h.seq - 2} a ${h.seq}: el ancla del documento antes del borrado`,
      );
      expect(res.out).toContain(`pero la bitácora termina en el ${h.seq - 3}`);
    });

    it('a chain rewritten and re-hashed from an anchored event is named at that event', async () => {
      // An anchored event with later events after it: it and all of them are rewritten.
      const anchor = { seq: Number((await t.db.query(`SELECT audit_seq FROM audit_anchor('documento', 'antes de reescribir')`)).rows[0].audit_seq) };
      await c.post('/api/v1/areas', { name: 'Área posterior 1' }).expect(201);
      await c.post('/api/v1/areas', { name: 'Área posterior 2' }).expect(201);
      await asSuperuser(async (db) => {
        await db.query('BEGIN');
        // Alter the anchored event and re-hash it and every later one: the chain itself stays valid.
        await db.query(`UPDATE audit_events SET after = after || '{"reescrito": true}'::jsonb WHERE seq = $1`, [anchor.seq]);
        const { rows } = await db.query(`SELECT seq FROM audit_events WHERE seq >= $1 ORDER BY seq`, [anchor.seq]);
        for (const { seq } of rows) {
          await db.query(
            `UPDATE audit_events e SET prev_hash = p.hash,
                    hash = encode(sha256(convert_to(p.hash || audit_canonical(e.seq, e.occurred_at, e.actor_id, e.actor_roles, e.request_id, e.ip_address,
                                                    e.entity, e.entity_id, e.operation, e.before, e.after, e.db_role, e.db_client), 'UTF8')), 'hex')
               FROM audit_events p WHERE e.seq = $1 AND p.seq = $1 - 1`,
            [seq],
          );
        }
        await db.query('COMMIT');
      });
      const res = await verify();
      expect(res.code).toBe(1);
      expect(res.out).toContain(`el primer eslabón roto es el ${anchor.seq}: no es el evento que registró el ancla del documento antes de reescribir`);
      expect(res.out).toContain('la bitácora se reescribió desde ahí');
    });
  });
});
