import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Redis from 'ioredis';
import jwt from 'jsonwebtoken';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { NestFactory } from '@nestjs/core';
import { BusinessCalendar } from '../src/common/business-calendar';
import { AppConfig } from '../src/config/app-config';
import { toolsModule } from '../src/core.module';
import { SYSTEM_ACTOR } from '../src/modules/identity/actor';
import { ReminderScanService } from '../src/modules/reminders/reminder-scan.service';
import { ImportService } from '../src/modules/intake/import.service';
import { headingTexts, LAYOUTS } from '../src/modules/reporting/documents/layout';
import { documentEvents, documentHeader, SNAPSHOT_SOURCE_COLUMNS, SourceRow } from '../src/modules/reporting/documents/model';
import { writePdf } from '../src/modules/reporting/documents/pdf.writer';
import { runMigrations } from '../src/database/migrate';
import { BENCH_PASSWORD, BIG_PROGRAM, generate } from './generate';
import { SIZES } from './sizes';
import { runB7 } from './b7-upload';
import { cpuMs, fmt, forkNode, freePort, measure, Result, startNode, stop, timed, waitHttp } from './util';

/*
 * npm run bench [-- --size S|M|L] [--only B1,B4] [--regenerate] [--seconds 15] [--uploads 5]
 * Each figure is printed next to a baseline measured in the same run, on the
 * same machine, as a ratio (quality-bars.md).
 */
const ROOT = resolve(__dirname, '..', '..');
const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CACHE = join(ROOT, 'bench', '.cache');
/** The API runs with the Node flags of `npm start` (package.json), as it is deployed. */
const API_NODE_FLAGS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string).split(/\s+/).filter((a) => a.startsWith('--'));
/** Unmeasured load on each server before B4 and B5 (JIT, prepared statements on every pooled connection). */
const WARMUP_SECONDS = 3;
/** Drafts made for B5 (and B7): at most one per action of the open cut. */
const B5_DRAFTS = 60_000;

/** The institutional rows of a closed cut's snapshot (of one program, if given), as the document writers read them. */
async function snapshotRows(owner: Client, corteId: string, programId?: string): Promise<SourceRow[]> {
  const { rows } = await owner.query(
    `SELECT ${SNAPSHOT_SOURCE_COLUMNS} FROM corte_snapshot_rows
      WHERE corte_id = $1 AND classification = 'institucional' AND ($2::uuid IS NULL OR program_id = $2) ORDER BY row_order`,
    [corteId, programId ?? null],
  );
  return rows as SourceRow[];
}

interface Draft {
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
async function makeDrafts(owner: Client, corteId: string, limit: number): Promise<Draft[]> {
  const existing: Draft[] = (
    await owner.query(
      `SELECT d.id, u.id AS uid, u.session_version AS sv FROM avances d ${RESPONSIBLE_OF_DRAFT}
        WHERE d.corte_id = $1 AND d.status = 'borrador' ORDER BY d.id LIMIT $2`,
      [corteId, limit],
    )
  ).rows;
  if (existing.length >= limit) return existing;
  await owner.query(`SET session_replication_role = replica`);
  try {
    const created: Draft[] = (
      await owner.query(
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
      const recycled: Draft[] = (
        await owner.query(
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
function mintToken(secret: string, d: Draft): string {
  return `Bearer ${jwt.sign({ sub: d.uid, sv: d.sv, typ: 'access', fam: randomUUID() }, secret, { algorithm: 'HS256', expiresIn: 3600 })}`;
}

/** Waits until a count stops changing (work still in flight on the server when a load stops) and returns it. */
async function settle(count: () => Promise<number>): Promise<number> {
  let last = await count();
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await count();
    if (now === last) return now;
    last = now;
  }
}

function dbUrl(name: string, user?: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function prepareDatabase(size: keyof typeof SIZES, regenerate: boolean, today: string): Promise<string> {
  const name = `asm_bench_${size.toLowerCase()}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  let ready = false;
  try {
    const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount;
    if (exists && !regenerate) {
      const c = new Client({ connectionString: dbUrl(name) });
      await c.connect();
      ready = Boolean((await c.query(`SELECT 1 FROM pg_tables WHERE tablename = 'settings'`)).rowCount) && Boolean((await c.query(`SELECT 1 FROM settings WHERE key = 'bench.size'`).catch(() => ({ rowCount: 0 }))).rowCount);
      await c.end();
    }
    if (!ready) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await admin.end();
  }
  if (ready) {
    say(`Datos de tamaño ${size}: reutilizo la base ${name} (--regenerate para rehacerla).`);
    await runMigrations(dbUrl(name), () => undefined, dbUrl(name, 'asm_app'));
    return name;
  }
  say(`Generando datos de tamaño ${size} en la base ${name} …`);
  const { ms } = await timed(() => generate(dbUrl(name), dbUrl(name, 'asm_app'), SIZES[size], ROOT, today));
  say(`  listo en ${fmt(ms / 1000, 1)} s.`);
  return name;
}

async function login(base: string, email: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: BENCH_PASSWORD }) });
  if (!r.ok) throw new Error(`login ${email}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

/** GET a document to /dev/null, returning its size. */
async function download(url: string, token: string): Promise<number> {
  const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  let n = 0;
  for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) n += chunk.length;
  return n;
}

async function load(url: string, connections: number, seconds: number, opts: Partial<autocannon.Options> = {}): Promise<autocannon.Result> {
  return new Promise((resolveResult, reject) => {
    autocannon({ url, connections, duration: seconds, ...opts } as autocannon.Options, (err, res) => (err ? reject(err) : resolveResult(res)));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'M' },
      only: { type: 'string' },
      regenerate: { type: 'boolean', default: false },
      seconds: { type: 'string', default: '15' },
      uploads: { type: 'string', default: '5' },
    },
  });
  const size = (values.size ?? 'M').toUpperCase() as keyof typeof SIZES;
  if (!SIZES[size]) throw new Error(`Tamaño desconocido ${values.size}: usa S, M o L.`);
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim().toUpperCase())) : undefined;
  const want = (id: string) => !only || only.has(id);
  const seconds = Number(values.seconds);
  // 500 MB uploads on each side of B7, alternating: 5 give a median on a shared machine.
  const uploads = Number(values.uploads);
  if (!Number.isInteger(uploads) || uploads < 1) throw new Error(`--uploads ${values.uploads}: usa un entero de 1 en adelante.`);
  const today = new Date().toISOString().slice(0, 10);
  mkdirSync(CACHE, { recursive: true });
  const dbName = await prepareDatabase(size, Boolean(values.regenerate), today);
  const ownerUrl = dbUrl(dbName);
  const appUrl = dbUrl(dbName, 'asm_app');
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  const results: Result[] = [];
  const prefix = `asm_bench_${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: appUrl,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
    STORAGE_DIR: join(CACHE, 'storage'),
    EVIDENCE_MAX_BYTES: String(600 * 1024 * 1024),
    UPLOAD_MAX_CONCURRENT_PER_USER: '64',
    DATABASE_POOL_SIZE: '10',
    SWAGGER_ENABLED: 'false',
    TIME_ZONE: 'America/Mexico_City',
  };
  let api: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  try {
    api = startNode(join(ROOT, 'dist', 'src', 'main.api.js'), env, API_NODE_FLAGS);
    await waitHttp(`${base}/health/ready`);
    const evaluacion = await login(base, 'evaluacion@bench.gob.mx');
    const [closed] = (await owner.query(`SELECT id FROM cortes WHERE status = 'cerrado' AND snapshot_rows > 0 ORDER BY year DESC, month DESC LIMIT 1`)).rows;
    const snapshotCount = (await owner.query(`SELECT count(*)::int AS n FROM corte_snapshot_rows WHERE corte_id = $1 AND classification = 'institucional'`, [closed.id])).rows[0].n;
    say(`API en ${base} (pid ${api.pid}); corte cerrado con ${fmt(snapshotCount)} filas institucionales.`);

    if (want('B1')) {
      say('B1: XLSX oficial del corte …');
      const rows = await snapshotRows(owner, closed.id);
      const layout = LAYOUTS['avance-institucional'];
      const base1 = await timed(async () => {
        const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream('/dev/null'), useStyles: true, useSharedStrings: false });
        const ws = wb.addWorksheet('Avance');
        ws.columns = layout.widths.map((width) => ({ width }));
        for (const r of rows) {
          const row = ws.addRow([1, `${r.programKey} ${r.programName}`, r.asmText, r.coordinatingArea, r.actionDescription, r.responsibleAreas, r.dueDate ?? '',
            r.expectedResults, r.products, String(r.percent ?? ''), r.proofDocumentName, r.proofDocumentLocation, r.observations, r.monthYear, `${r.promedio}%`]);
          row.eachCell((c) => {
            c.alignment = { wrapText: true, vertical: 'top' };
            c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
            c.font = { size: 8 };
          });
          row.commit();
        }
        ws.commit();
        await wb.commit();
      });
      // A long-running API has loaded exceljs already (it loads on the first document asked): one small document first.
      const [someProgram] = (await owner.query(`SELECT program_id AS id FROM corte_snapshot_rows WHERE corte_id = $1 LIMIT 1`, [closed.id])).rows;
      await download(`${base}/api/v1/cortes/${closed.id}/documents/avance-institucional?format=xlsx&programId=${someProgram.id}`, evaluacion);
      const ours = await measure(api.pid!, () => download(`${base}/api/v1/cortes/${closed.id}/documents/avance-institucional?format=xlsx`, evaluacion));
      const ratio = ours.ms / base1.ms;
      results.push({
        id: 'B1',
        what: `XLSX oficial de un corte, toda la institución (${fmt(rows.length)} filas)`,
        measured: `${fmt(ours.ms)} ms; RSS máx. ${fmt(ours.rssPeak)} MB`,
        baseline: `${fmt(base1.ms)} ms (exceljs en memoria)`,
        ratio,
        target: '≤ 1.5× ; RSS ≤ 300 MB',
        pass: ratio <= 1.5 && ours.rssPeak <= 300,
        detail: { rows: rows.length, bytes: ours.result, rssBefore: ours.rssBefore },
      });
    }

    if (want('B2')) {
      say('B2: CSV oficial del corte …');
      const copy = await timed(async () => {
        const c = new Client({ connectionString: ownerUrl });
        await c.connect();
        try {
          const stream = c.query(
            copyTo(
              `COPY (SELECT row_order, program_key || ' ' || program_name, asm_text, coordinating_area, action_description, responsible_areas, to_char(due_date, 'DD/MM/YYYY'),
                      expected_results, products, percent, proof_document_name, proof_document_location, observations, month_year, promedio || '%'
                     FROM corte_snapshot_rows WHERE corte_id = '${closed.id}' AND classification = 'institucional' ORDER BY row_order) TO STDOUT WITH (FORMAT csv)`,
            ),
          );
          await pipeline(stream, createWriteStream('/dev/null'));
        } finally {
          await c.end();
        }
      });
      const ours = await measure(api.pid!, () => download(`${base}/api/v1/cortes/${closed.id}/documents/avance-institucional?format=csv`, evaluacion));
      const ratio = ours.ms / copy.ms;
      results.push({
        id: 'B2',
        what: 'CSV oficial de un corte, toda la institución',
        measured: `${fmt(ours.ms)} ms; RSS máx. ${fmt(ours.rssPeak)} MB`,
        baseline: `${fmt(copy.ms)} ms (COPY … TO STDOUT)`,
        ratio,
        target: '≤ 2×',
        pass: ratio <= 2,
        detail: { bytes: ours.result },
      });
    }

    if (want('B3')) {
      say('B3: PDF de un programa con 500 ASM …');
      const [prog] = (await owner.query(`SELECT id FROM programs WHERE modality = $1 AND code = $2`, [BIG_PROGRAM.modality, BIG_PROGRAM.code])).rows;
      const rows = await snapshotRows(owner, closed.id, prog.id);
      const frozen = (await owner.query(`SELECT document_settings FROM cortes WHERE id = $1`, [closed.id])).rows[0].document_settings;
      const layout = LAYOUTS['avance-institucional'];
      async function* fromMemory(): AsyncGenerator<SourceRow> {
        yield* rows;
      }
      const header = documentHeader(layout, frozen.institutionName, headingTexts(layout, {}), 2026, false);
      const base3 = await timed(() => writePdf(new Writable({ write: (_c, _e, cb) => cb() }), layout, header, documentEvents(layout, frozen.cycles, fromMemory()), new Date()));
      // As in B1: pdfmake loads on the first PDF asked.
      const [small] = (await owner.query(`SELECT program_id AS id FROM corte_snapshot_rows WHERE corte_id = $1 AND program_id <> $2 LIMIT 1`, [closed.id, prog.id])).rows;
      await download(`${base}/api/v1/cortes/${closed.id}/documents/avance-institucional?format=pdf&programId=${small.id}`, evaluacion);
      const ours = await measure(api.pid!, () => download(`${base}/api/v1/cortes/${closed.id}/documents/avance-institucional?format=pdf&programId=${prog.id}`, evaluacion));
      const ratio = ours.ms / base3.ms;
      results.push({
        id: 'B3',
        what: `PDF oficial de un programa con 500 ASM (${fmt(rows.length)} filas)`,
        measured: `${fmt(ours.ms)} ms; RSS máx. ${fmt(ours.rssPeak)} MB`,
        baseline: `${fmt(base3.ms)} ms (pdfmake en memoria)`,
        ratio,
        target: '≤ 1.2×',
        pass: ratio <= 1.2,
        detail: { bytes: ours.result },
      });
    }

    if (want('B4') || want('B5')) {
      const bport = await freePort();
      baseline = forkNode(join(ROOT, 'dist', 'bench', 'baseline-server.js'), { ...env, PORT: String(bport) });
      await new Promise<void>((r) => baseline!.once('message', () => r()));
      const bbase = `http://127.0.0.1:${bport}`;

      if (want('B4')) {
        say(`B4: lista de acciones de un área, 32 conexiones, ${seconds} s …`);
        const [area] = (
          await owner.query(
            `SELECT a.id, u.email, u.institution_id AS "institutionId", (SELECT count(*) FROM action_areas aa WHERE aa.area_id = a.id)::int AS n FROM areas a JOIN user_areas ua ON ua.area_id = a.id
               JOIN users u ON u.id = ua.user_id AND 'responsable' = ANY(u.roles) ORDER BY n DESC LIMIT 1`,
          )
        ).rows;
        const baselineList = `${bbase}/actions?areas=${area.id}&institution=${area.institutionId}`;
        const token = await login(base, area.email);
        const ours = { headers: { authorization: `Bearer ${token}` } };
        // Both sides must answer the same rows, or the ratio compares different work.
        const ourPage = (await (await fetch(`${base}/api/v1/actions?pageSize=50`, ours)).json()) as { items: { id: string }[]; total: number };
        const basePage = (await (await fetch(baselineList)).json()) as { items: { id: string }[]; total: number };
        if (JSON.stringify(ourPage.items.map((i) => i.id)) !== JSON.stringify(basePage.items.map((i) => i.id)) || ourPage.total !== basePage.total) {
          throw new Error(`B4: la API (${ourPage.items.length} de ${ourPage.total}) y la línea base (${basePage.items.length} de ${basePage.total}) no dan las mismas filas.`);
        }
        // Warm both servers up (JIT, every pooled connection's prepared statements) before measuring either.
        await load(baselineList, 32, WARMUP_SECONDS);
        await load(`${base}/api/v1/actions?pageSize=50`, 32, WARMUP_SECONDS, ours);
        // CPU time per request of each server (/proc): steadier than throughput when other processes take the cores.
        const cpuPerRequest = async (pid: number, run: () => Promise<autocannon.Result>) => {
          const before = cpuMs(pid);
          const r = await run();
          return { r, cpu: (cpuMs(pid) - before) / Math.max(1, r.requests.total) };
        };
        const { r: b, cpu: bCpu } = await cpuPerRequest(baseline.pid!, () => load(baselineList, 32, seconds));
        const { r: o, cpu: oCpu } = await cpuPerRequest(api.pid!, () => load(`${base}/api/v1/actions?pageSize=50`, 32, seconds, ours));
        const ratio = o.requests.average / b.requests.average;
        const p99Ratio = o.latency.p99 / b.latency.p99;
        const errors = o.errors + o.non2xx + o.timeouts;
        const side = (r: autocannon.Result, cpuMsPerRequest: number) => ({
          requestsPerSecond: r.requests.average,
          p50Ms: r.latency.p50,
          p99Ms: r.latency.p99,
          requests: r.requests.total,
          cpuMsPerRequest,
        });
        results.push({
          id: 'B4',
          what: `GET lista de acciones de un área (página de hasta 50: ${ourPage.items.length} de ${fmt(ourPage.total)} en la institución del usuario; el área tiene ${fmt(area.n)} acciones), 32 conexiones`,
          measured: `${fmt(o.requests.average)} sol./s; p50 ${o.latency.p50} ms; p99 ${o.latency.p99} ms; CPU ${fmt(oCpu, 2)} ms/sol.; errores ${errors}`,
          baseline: `${fmt(b.requests.average)} sol./s; p50 ${b.latency.p50} ms; p99 ${b.latency.p99} ms; CPU ${fmt(bCpu, 2)} ms/sol. (node:http + pg)`,
          ratio,
          p99Ratio,
          target: '≥ 0.8× ; p99 ≤ 1.2× la de la línea base ; 0 errores',
          pass: ratio >= 0.8 && p99Ratio <= 1.2 && errors === 0,
          detail: { ours: { ...side(o, oCpu), errors }, baseline: side(b, bCpu), throughputRatio: ratio, p99Ratio },
        });
      }

      if (want('B5')) {
        say(`B5: enviar un avance (escritura + bitácora + outbox), 32 conexiones, ${seconds} s …`);
        // Drafts on distinct actions of the open cut, each submitted by a responsable of the action's first area
        // (tokens minted with the API's secret: logging in 600 users would only measure argon2).
        const [open] = (await owner.query(`SELECT id FROM cortes WHERE status = 'abierto'`)).rows;
        // The drafts and submissions of earlier runs go first (with what hangs from them).
        await owner.query(`SET session_replication_role = replica`);
        for (const table of ['evidence_files', 'avance_events']) {
          await owner.query(`DELETE FROM ${table} WHERE avance_id IN (SELECT id FROM avances WHERE corte_id = $1 AND status IN ('borrador', 'enviado'))`, [open.id]);
        }
        await owner.query(`DELETE FROM avances WHERE corte_id = $1 AND status IN ('borrador', 'enviado')`, [open.id]);
        await owner.query(`RESET session_replication_role`);
        const drafts = await makeDrafts(owner, open.id, B5_DRAFTS);
        // Earlier runs leave dead rows behind: start every run from the same state.
        await owner.query(`VACUUM (ANALYZE) avances, avance_events, outbox, audit_events`);
        const forBaseline = drafts.slice(0, 1000).map((d) => d.id);
        const forUs = drafts.slice(1000);
        const tokens = new Map<string, string>();
        const bearer = (d: Draft) => {
          let t = tokens.get(d.uid);
          if (!t) {
            t = mintToken(env.JWT_SECRET!, d);
            tokens.set(d.uid, t);
          }
          return t;
        };
        // The baseline checks no state, so it goes round its drafts; each of ours is submitted once (a second
        // submit is a conflict). The warm-up's drafts are given back before the measured load.
        let i = 0;
        let j = 0;
        const baselineLoad = (s: number) =>
          load(bbase, 32, s, {
            method: 'POST',
            requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: `/submit/${forBaseline[i++ % forBaseline.length]}` }) }],
          } as Partial<autocannon.Options>);
        const ourLoad = (s: number, amount?: number) =>
          load(base, 32, s, {
            method: 'POST',
            amount,
            body: '{"version":1}',
            requests: [
              {
                setupRequest: (req: autocannon.Request) => {
                  const d = forUs[j++ % forUs.length];
                  return { ...req, path: `/api/v1/avances/${d.id}/submit`, headers: { ...req.headers, authorization: bearer(d), 'content-type': 'application/json' } };
                },
              },
            ],
          } as Partial<autocannon.Options>);
        await baselineLoad(WARMUP_SECONDS);
        await ourLoad(WARMUP_SECONDS);
        await settle(async () => (await owner.query(`SELECT count(*)::int AS n FROM avances WHERE corte_id = $1 AND status = 'enviado'`, [open.id])).rows[0].n);
        await owner.query(`SET session_replication_role = replica`);
        await owner.query(`UPDATE avances SET status = 'borrador', version = 1, submitted_at = NULL, submitted_by = NULL WHERE id = ANY($1)`, [
          forUs.slice(0, Math.min(j, forUs.length)).map((d) => d.id),
        ]);
        await owner.query(`RESET session_replication_role`);
        j = 0;
        const b = await baselineLoad(seconds);
        // As many requests as the baseline served in the same time, or as many drafts as there are (size M).
        const amount = Math.min(forUs.length, Math.round(b.requests.average * seconds));
        const seqBefore = (await owner.query(`SELECT COALESCE(max(seq), 0) AS s FROM audit_events`)).rows[0].s;
        const outboxBefore = (await owner.query(`SELECT COALESCE(max(id), 0) AS s FROM outbox`)).rows[0].s;
        const o = await ourLoad(seconds, amount);
        const measured = forUs.slice(0, Math.min(j, forUs.length)).map((d) => d.id);
        const ok = o['2xx'];
        // Requests still in flight when the load stops finish on the server: wait until nothing changes, then count there.
        const submitted = await settle(
          async () => (await owner.query(`SELECT count(*)::int AS n FROM avances WHERE id = ANY($1) AND status = 'enviado'`, [measured])).rows[0].n as number,
        );
        const audit = (
          await owner.query(`SELECT count(*)::int AS n FROM audit_events WHERE seq > $1 AND entity = 'avances' AND operation = 'update' AND entity_id = ANY($2)`, [seqBefore, measured])
        ).rows[0].n;
        const outbox = (await owner.query(`SELECT count(*)::int AS n FROM outbox WHERE event_type = 'avance.enviado' AND id > $2 AND (payload->>'avanceId') = ANY($1)`, [measured, outboxBefore])).rows[0].n;
        const ratio = o.requests.average / b.requests.average;
        const errors = o.errors + o.non2xx + o.timeouts;
        results.push({
          id: 'B5',
          what: 'Enviar un avance (escritura + bitácora + outbox), 32 conexiones',
          measured: `${fmt(o.requests.average)} sol./s; p50 ${o.latency.p50} ms; p99 ${o.latency.p99} ms; errores ${errors}; enviados ${submitted} (respuestas 2xx ${ok}); bitácora ${audit}; outbox ${outbox}`,
          baseline: `${fmt(b.requests.average)} sol./s (node:http + pg, mismas escrituras)`,
          ratio,
          target: '≥ 0.5× ; 0 errores ; bitácora = solicitudes',
          pass: ratio >= 0.5 && errors === 0 && audit === submitted && outbox === submitted && submitted >= ok,
          detail: { requests: amount, responses2xx: ok, submitted, audit, outbox, users: tokens.size },
        });
      }
      await stop(baseline);
      baseline = undefined;
    }

    if (want('B6')) {
      say('B6: escaneo diario de recordatorios …');
      // Digests go out on business days only (decision 0018): a run on a weekend measures the next business day's scan.
      const scanDay = new BusinessCalendar().addBusinessDays(today, 0);
      const config = new AppConfig({ ...env, DATABASE_URL: appUrl } as NodeJS.ProcessEnv);
      const baselineCount = await timed(async () =>
        (
          await owner.query(
            `SELECT count(*)::int AS n FROM actions x JOIN asms a ON a.id = x.asm_id
              WHERE a.status IN ('comprometido', 'en_proceso') AND x.percent < 100 AND x.due_date <= $1::date + 30`,
            [scanDay],
          )
        ).rows[0].n,
      );
      const ctx = await NestFactory.createApplicationContext(toolsModule(config), { logger: false });
      const ctx2 = await NestFactory.createApplicationContext(toolsModule(config), { logger: false });
      const forget = async () => {
        await owner.query(`DELETE FROM reminder_ledger WHERE scan_date = $1`, [scanDay]);
        await owner.query(`DELETE FROM notification_log WHERE kind = 'resumen' AND digest_date = $1`, [scanDay]);
      };
      try {
        await forget();
        const run = await timed(() => ctx.get(ReminderScanService).run(scanDay));
        // The same day's scan again from scratch, by two workers at once: together they must build the
        // same digests as one did, and nobody may get a digest, or an item, twice.
        await forget();
        const [a, b] = await Promise.all([ctx.get(ReminderScanService).run(scanDay), ctx2.get(ReminderScanService).run(scanDay)]);
        const dup = (
          await owner.query(
            `SELECT (SELECT count(*) FROM (SELECT recipient_id, digest_date FROM notification_log WHERE kind = 'resumen' GROUP BY 1, 2 HAVING count(*) > 1) d)::int AS digests,
                    (SELECT count(*) FROM (SELECT 1 FROM reminder_ledger GROUP BY recipient_id, item_type, item_id, reason, occurrence HAVING count(*) > 1) l)::int AS items`,
          )
        ).rows[0];
        const duplicates = dup.digests + dup.items;
        const together = a.digests + b.digests;
        results.push({
          id: 'B6',
          what: `Escaneo diario de recordatorios (${fmt(run.result.digests)} resúmenes, ${fmt(run.result.items)} asuntos)`,
          measured: `${fmt(run.ms)} ms construidos y encolados; 2 workers a la vez: ${fmt(together)} resúmenes (${fmt(a.digests)} + ${fmt(b.digests)}), ${duplicates} duplicados`,
          baseline: `${fmt(baselineCount.ms)} ms (una consulta que cuenta ${fmt(baselineCount.result)} acciones por vencer o vencidas)`,
          ratio: run.ms / baselineCount.ms,
          target: '≤ 10 s ; 0 duplicados con 2 workers',
          pass: run.ms <= 10_000 && duplicates === 0 && together === run.result.digests,
        });
      } finally {
        await ctx.close();
        await ctx2.close();
      }
    }

    if (want('B7')) {
      say(`B7: subir un archivo de evidencia de 500 MB, ${uploads} veces en la API y ${uploads} en la línea base …`);
      const [open] = (await owner.query(`SELECT id FROM cortes WHERE status = 'abierto'`)).rows;
      const [draft] = await makeDrafts(owner, open.id, 1);
      if (!draft) throw new Error('B7 necesita una acción sin avance en curso en el corte abierto.');
      results.push(
        await runB7({
          cacheDir: CACHE,
          storageDir: env.STORAGE_DIR!,
          api: { pid: api.pid!, port },
          avanceId: draft.id,
          authorization: mintToken(env.JWT_SECRET!, draft),
          owner,
          env,
          uploads,
        }),
      );
    }

    if (want('B8')) {
      say('B8: importar el archivo de ASM de SHCP …');
      const content = readFileSync(join(ROOT, 'test', 'fixtures', 'shcp', 'aspectos_susceptibles_mejora.csv'));
      const parseOnly = await timed(async () => parseCsv(content, { columns: true, relax_column_count: true, bom: true }).length);
      const importDb = 'asm_bench_import';
      const admin = new Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${importDb} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${importDb}`);
      await admin.end();
      await runMigrations(dbUrl(importDb), () => undefined, dbUrl(importDb, 'asm_app'));
      const ctx = await NestFactory.createApplicationContext(toolsModule(new AppConfig({ ...env, DATABASE_URL: dbUrl(importDb, 'asm_app') } as NodeJS.ProcessEnv)), {
        logger: false,
      });
      try {
        const run = await timed(() => ctx.get(ImportService).run({ source: 'shcp', content, fileName: 'aspectos_susceptibles_mejora.csv', dryRun: false, actor: SYSTEM_ACTOR }));
        const r = run.result;
        const accounted = r.asmsRead + r.rowsSkipped === r.rowsRead;
        results.push({
          id: 'B8',
          what: `Importar el archivo de ASM de SHCP (${fmt(r.rowsRead)} filas)`,
          measured: `${fmt(run.ms)} ms; ${fmt(r.created.asms)} ASM importados, ${fmt(r.rowsSkipped)} filas reportadas`,
          baseline: `${fmt(parseOnly.ms)} ms (solo leer el CSV)`,
          ratio: run.ms / parseOnly.ms,
          target: '≤ 5 s ; toda fila importada o reportada',
          pass: run.ms <= 5000 && accounted && r.applied,
        });
      } finally {
        await ctx.close();
      }
    }
  } finally {
    await stop(baseline);
    await stop(api);
    await owner.end();
    // The jobs this run enqueued (digests nobody delivers) go with it.
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect().catch(() => undefined);
    if (redis.status === 'ready') {
      for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) if ((keys as string[]).length) await redis.del(...(keys as string[]));
    }
    redis.disconnect();
  }

  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version };
  console.log(`\nasm-seguimiento — npm run bench, tamaño ${size} (${JSON.stringify(SIZES[size])})`);
  console.log(`Máquina: ${machine.cpus} núcleos (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}\n`);
  console.log('| id | qué | medido | línea base (misma corrida) | razón | meta | ¿cumple? |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    const ratio = r.ratio === null ? '—' : `${fmt(r.ratio, 2)}${r.p99Ratio === undefined ? '' : `; p99 ${fmt(r.p99Ratio, 2)}`}`;
    console.log(`| ${r.id} | ${r.what} | ${r.measured} | ${r.baseline} | ${ratio} | ${r.target} | ${r.pass ? 'sí' : 'NO'} |`);
  }
  writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), JSON.stringify({ date: new Date().toISOString(), size, machine, results }, null, 2));
  console.log(`\nResultados en bench/results/latest.json`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`Error: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
