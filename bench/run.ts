import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';
import { BenchContext, login, Measurement } from './context';
import { count, dbUrl, generatedDatabase, one, REDIS_URL, ROOT } from './database';
import { b1Xlsx } from './measurements/b1-xlsx';
import { b2Csv } from './measurements/b2-csv';
import { b3Pdf } from './measurements/b3-pdf';
import { b4ActionList } from './measurements/b4-action-list';
import { b5Submit } from './measurements/b5-submit';
import { b6ReminderScan } from './measurements/b6-reminder-scan';
import { b7Upload } from './measurements/b7-upload';
import { b8Import } from './measurements/b8-import';
import { SIZES } from './sizes';
import { fmt, forkNode, freePort, Result, say, startNode, stop, waitHttp } from './util';

/*
 * npm run bench [-- --size S|M|L] [--only B1,B4] [--regenerate] [--seconds 15] [--uploads 5]
 * Each figure is printed next to a baseline measured in the same run, on the
 * same machine, as a ratio (quality-bars.md). One file a measurement in
 * bench/measurements/; this file prepares the data and the API, runs the
 * measurements asked for, in this order, and prints and stores their results.
 */
const MEASUREMENTS: Measurement[] = [b1Xlsx, b2Csv, b3Pdf, b4ActionList, b5Submit, b6ReminderScan, b7Upload, b8Import];
const CACHE = join(ROOT, 'bench', '.cache');
/** The API runs with the Node flags of `npm start` (package.json), as it is deployed. */
const API_NODE_FLAGS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start
  .split(/\s+/)
  .filter((a) => a.startsWith('--'));

interface Options {
  size: keyof typeof SIZES;
  only?: Set<string>;
  regenerate: boolean;
  seconds: number;
  uploads: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'M' },
      only: { type: 'string' },
      regenerate: { type: 'boolean', default: false },
      seconds: { type: 'string', default: '15' },
      uploads: { type: 'string', default: '5' },
    },
  });
  const size = values.size.toUpperCase() as keyof typeof SIZES;
  if (!SIZES[size]) throw new Error(`Tamaño desconocido ${values.size}: usa S, M o L.`);
  // 500 MB uploads on each side of B7, alternating: 5 give a median on a shared machine.
  const uploads = Number(values.uploads);
  if (!Number.isInteger(uploads) || uploads < 1) throw new Error(`--uploads ${values.uploads}: usa un entero de 1 en adelante.`);
  return {
    size,
    only: values.only ? new Set(values.only.split(',').map((s) => s.trim().toUpperCase())) : undefined,
    regenerate: values.regenerate,
    seconds: Number(values.seconds),
    uploads,
  };
}

/** The node:http + pg server of B4 and B5, on its own port; resolves once it listens. */
async function startBaseline(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string }> {
  const bport = await freePort();
  const child = forkNode(join(ROOT, 'dist', 'bench', 'baseline-server.js'), { ...env, PORT: String(bport) });
  await new Promise<void>((r) => child.once('message', () => r()));
  return { child, base: `http://127.0.0.1:${bport}` };
}

/** The jobs this run enqueued (digests nobody delivers) go with it. */
async function dropQueues(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect().catch(() => undefined);
  if (redis.status === 'ready') {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) if ((keys as string[]).length) await redis.del(...(keys as string[]));
  }
  redis.disconnect();
}

function report(size: keyof typeof SIZES, results: Result[]): void {
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

async function main(): Promise<void> {
  const o = options();
  const today = new Date().toISOString().slice(0, 10);
  mkdirSync(CACHE, { recursive: true });
  const dbName = `asm_bench_${o.size.toLowerCase()}`;
  await generatedDatabase(dbName, o.size, today, o.regenerate, ' (--regenerate para rehacerla)');
  const ownerUrl = dbUrl(dbName);
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  const results: Result[] = [];
  const prefix = `asm_bench_${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl(dbName, 'asm_app'),
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
    STORAGE_DIR: join(CACHE, 'storage'),
    EVIDENCE_MAX_BYTES: String(600 * 1024 * 1024),
    UPLOAD_MAX_CONCURRENT_PER_USER: '64',
    // The API and the baseline get the same pool (B4 and B5 compare them at equal connections); DATABASE_POOL_SIZE overrides it for both.
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '10',
    SWAGGER_ENABLED: 'false',
    TIME_ZONE: 'America/Mexico_City',
  };
  let api: ChildProcess | undefined;
  let baseline: ChildProcess | undefined;
  try {
    api = startNode(join(ROOT, 'dist', 'src', 'main.api.js'), env, API_NODE_FLAGS);
    await waitHttp(`${base}/health/ready`);
    const closed = await one<{ id: string }>(
      owner,
      `SELECT id FROM cortes WHERE status = 'cerrado' AND snapshot_rows > 0 ORDER BY year DESC, month DESC LIMIT 1`,
    );
    const snapshotCount = await count(owner, `SELECT count(*)::int AS n FROM corte_snapshot_rows WHERE corte_id = $1 AND classification = 'institucional'`, [
      closed.id,
    ]);
    say(`API en ${base} (pid ${api.pid}); corte cerrado con ${fmt(snapshotCount)} filas institucionales.`);
    const ctx: BenchContext = {
      today,
      seconds: o.seconds,
      uploads: o.uploads,
      owner,
      ownerUrl,
      env,
      api: { pid: api.pid!, port, base },
      cacheDir: CACHE,
      evaluacion: await login(base, 'evaluacion@bench.gob.mx'),
      closedId: closed.id,
    };
    const selected = MEASUREMENTS.filter((m) => !o.only || o.only.has(m.id));
    for (const [k, m] of selected.entries()) {
      if (m.needsBaseline && !ctx.baseline) {
        const started = await startBaseline(env);
        baseline = started.child;
        ctx.baseline = { pid: baseline.pid!, base: started.base };
      }
      results.push(await m.run(ctx));
      // The baseline server goes as soon as no measurement needs it, so the others run without it.
      if (ctx.baseline && !selected[k + 1]?.needsBaseline) {
        await stop(baseline);
        baseline = undefined;
        ctx.baseline = undefined;
      }
    }
  } finally {
    await stop(baseline);
    await stop(api);
    await owner.end();
    await dropQueues(prefix);
  }
  report(o.size, results);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`Error: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);
