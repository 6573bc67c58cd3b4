import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import jwt from 'jsonwebtoken';
import type { Client } from 'pg';
import { SNAPSHOT_SOURCE_COLUMNS, SourceRow } from '../src/modules/reporting/documents/model';
import { BENCH_PASSWORD } from './generate';
import { Result } from './util';

/** What every measurement gets from the runner (bench/run.ts). */
export interface BenchContext {
  /** The day the data was generated for (YYYY-MM-DD). */
  today: string;
  /** --seconds: length of each load of B4 and B5. */
  seconds: number;
  /** --uploads: 500 MB uploads on each side of B7. */
  uploads: number;
  /** The bench database, as its owner (setup and checks bypass the application). */
  owner: Client;
  ownerUrl: string;
  /** The environment the API runs with (its secret mints B5's and B7's tokens). */
  env: NodeJS.ProcessEnv;
  api: { pid: number; port: number; base: string };
  /** Where the 500 MB file of B7 is kept between runs. */
  cacheDir: string;
  /** An access token of the evaluation unit (documents). */
  evaluacion: string;
  /** The latest closed cut with a snapshot. */
  closedId: string;
  /** The node:http + pg server of B4 and B5 (bench/baseline-server.ts), for measurements that ask for it. */
  baseline?: { pid: number; base: string };
}

export interface Measurement {
  id: string;
  /** Runs against the baseline server: the runner starts it before the first such measurement and stops it after the last. */
  needsBaseline?: true;
  run(ctx: BenchContext): Promise<Result>;
}

/** Unmeasured load on each server before B4 and B5 (JIT, prepared statements on every pooled connection). */
export const WARMUP_SECONDS = 3;

/** The institutional rows of a closed cut's snapshot (of one program, if given), as the document writers read them. */
export async function snapshotRows(owner: Client, corteId: string, programId?: string): Promise<SourceRow[]> {
  const { rows } = await owner.query<SourceRow>(
    `SELECT ${SNAPSHOT_SOURCE_COLUMNS} FROM corte_snapshot_rows
      WHERE corte_id = $1 AND classification = 'institucional' AND ($2::uuid IS NULL OR program_id = $2) ORDER BY row_order`,
    [corteId, programId ?? null],
  );
  return rows;
}

export interface Draft {
  id: string;
  /** A responsable of the action's first area, and their session version. */
  uid: string;
  sv: number;
}

/** A responsable of the first area of the action of avance `d` (d.id, d.action_id). */
const RESPONSIBLE_OF_DRAFT = `JOIN action_areas aa ON aa.action_id = d.action_id AND aa.position = 1
  JOIN LATERAL (SELECT u.id, u.session_version FROM user_areas ua JOIN users u ON u.id = ua.user_id
                 WHERE ua.area_id = aa.area_id AND 'responsable' = ANY(u.roles) ORDER BY u.email LIMIT 1) u ON true`;

/**
 * Draft avances in the open cut: first those already there, then new ones on
 * actions that have none in course, then submitted ones given back (written
 * directly: the audit trail of the setup is not what is measured).
 */
export async function makeDrafts(owner: Client, corteId: string, limit: number): Promise<Draft[]> {
  const existing = (
    await owner.query<Draft>(
      `SELECT d.id, u.id AS uid, u.session_version AS sv FROM avances d ${RESPONSIBLE_OF_DRAFT}
        WHERE d.corte_id = $1 AND d.status = 'borrador' ORDER BY d.id LIMIT $2`,
      [corteId, limit],
    )
  ).rows;
  if (existing.length >= limit) return existing;
  await owner.query(`SET session_replication_role = replica`);
  try {
    const created = (
      await owner.query<Draft>(
        `WITH d AS (
           INSERT INTO avances (action_id, corte_id, percent, status)
           SELECT x.id, $1, x.percent, 'borrador' FROM actions x JOIN asms a ON a.id = x.asm_id
            WHERE a.status IN ('comprometido', 'en_proceso') AND x.percent < 100
              AND NOT EXISTS (SELECT 1 FROM avances o WHERE o.action_id = x.id AND o.corte_id = $1 AND o.status IN ('borrador', 'enviado', 'devuelto'))
            ORDER BY x.id LIMIT $2 RETURNING id, action_id)
         SELECT d.id, u.id AS uid, u.session_version AS sv FROM d ${RESPONSIBLE_OF_DRAFT} ORDER BY d.id`,
        [corteId, limit - existing.length],
      )
    ).rows;
    const drafts = [...existing, ...created];
    if (drafts.length < limit) {
      // Every action has one in course: give submitted ones (of earlier loads) back as drafts.
      const recycled = (
        await owner.query<Draft>(
          `WITH d AS (
             UPDATE avances SET status = 'borrador', version = 1, submitted_at = NULL, submitted_by = NULL
              WHERE id IN (SELECT id FROM avances WHERE corte_id = $1 AND status = 'enviado' ORDER BY id LIMIT $2) RETURNING id, action_id)
           SELECT d.id, u.id AS uid, u.session_version AS sv FROM d ${RESPONSIBLE_OF_DRAFT} ORDER BY d.id`,
          [corteId, limit - drafts.length],
        )
      ).rows;
      drafts.push(...recycled);
    }
    return drafts;
  } finally {
    await owner.query(`RESET session_replication_role`);
  }
}

/** An access token as the API's login issues it (same secret, claims and session version). */
export function mintToken(secret: string, d: Draft): string {
  return `Bearer ${jwt.sign({ sub: d.uid, sv: d.sv, typ: 'access', fam: randomUUID() }, secret, { algorithm: 'HS256', expiresIn: 3600 })}`;
}

/** Waits until a count stops changing (work still in flight on the server when a load stops) and returns it. */
export async function settle(current: () => Promise<number>): Promise<number> {
  let last = await current();
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await current();
    if (now === last) return now;
    last = now;
  }
}

export async function login(base: string, email: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (!r.ok) throw new Error(`login ${email}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

/** GET a document to /dev/null, returning its size. */
export async function download(url: string, token: string): Promise<number> {
  const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  let n = 0;
  for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) n += chunk.length;
  return n;
}

/** An autocannon load of `seconds` on `url`. */
export async function load(url: string, connections: number, seconds: number, opts: Partial<autocannon.Options> = {}): Promise<autocannon.Result> {
  return new Promise((resolveResult, reject) => {
    autocannon({ url, connections, duration: seconds, ...opts }, (err: Error | null, res) => (err ? reject(err) : resolveResult(res)));
  });
}

/** The URL of a closed cut's institutional document in `format` (of one program, if given). */
export function documentUrl(ctx: BenchContext, format: 'xlsx' | 'csv' | 'pdf', programId?: string): string {
  return `${ctx.api.base}/api/v1/cortes/${ctx.closedId}/documents/avance-institucional?format=${format}${programId ? `&programId=${programId}` : ''}`;
}
