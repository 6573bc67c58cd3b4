import 'reflect-metadata';
import { ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { Client } from 'pg';
import { hashPassword } from '../src/modules/identity/passwords';
import { CHROMIUM } from './chromium';
import { count, dbUrl, generatedDatabase, one, REDIS_URL, ROOT } from './database';
import { BENCH_PASSWORD } from './generate';
import { fmt, freePort, say, startNode, stop, waitHttp } from './util';

/*
 * npm run bench:web — B9 of quality-bars.md, measured by a script, not by a
 * timed test:
 *   - initial JavaScript: the module scripts index.html loads before the
 *     first screen (entry + modulepreload), gzip -9, against 300 KB;
 *   - Mis acciones of a responsable with 500 actions at size M, in headless
 *     Chromium: from navigation to the first page of rows on screen with the
 *     search box usable, against 1.5 s (median of 5 warm loads; the cold one
 *     is printed too).
 */
const DIST = join(ROOT, 'web', 'dist');
const USER = 'responsable.web@bench.gob.mx';
const ACTIONS = 500;
const RUNS = 5;

/** The JavaScript the browser fetches before the first screen: the entry module and its modulepreloads. */
function initialJavaScript(): { files: { file: string; raw: number; gzip: number }[]; gzip: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1] ?? m[2]);
  const files = [...new Set(refs)].map((ref) => {
    const body = readFileSync(join(DIST, ref.replace(/^\//, '')));
    return { file: ref, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  return { files, gzip: files.reduce((s, f) => s + f.gzip, 0) };
}

/** A size-M database (generated once, then reused), plus a responsable with 500 actions. */
async function prepare(): Promise<string> {
  // Its own database (not npm run bench's asm_bench_m), so the two never drop each other's data.
  const name = 'asm_bench_web_m';
  await generatedDatabase(name, 'M', new Date().toISOString().slice(0, 10));
  const c = new Client({ connectionString: dbUrl(name) });
  await c.connect();
  try {
    await c.query(`SET session_replication_role = replica`);
    const [area] = (
      await c.query<{ id: string }>(
        `INSERT INTO areas (name, name_key) VALUES ('Área de la web (500 acciones)', 'area de la web (500 acciones)') ON CONFLICT DO NOTHING RETURNING id`,
      )
    ).rows;
    const areaId = area?.id ?? (await one<{ id: string }>(c, `SELECT id FROM areas WHERE name_key = 'area de la web (500 acciones)'`)).id;
    const have = await count(c, `SELECT count(*)::int AS n FROM action_areas WHERE area_id = $1`, [areaId]);
    if (have < ACTIONS) {
      await c.query(
        `INSERT INTO action_areas (action_id, area_id, position)
         SELECT x.id, $1, 9 FROM actions x JOIN asms a ON a.id = x.asm_id
          WHERE NOT EXISTS (SELECT 1 FROM action_areas z WHERE z.action_id = x.id AND z.area_id = $1)
          ORDER BY hashtext(x.id::text) LIMIT $2`,
        [areaId, ACTIONS - have],
      );
    }
    const hash = await hashPassword(BENCH_PASSWORD);
    const u = await one<{ id: string }>(
      c,
      `INSERT INTO users (email, full_name, roles, password_hash) VALUES ($1, 'Responsable con 500 acciones', '{responsable}', $2)
       ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash RETURNING id`,
      [USER, hash],
    );
    await c.query(`INSERT INTO user_areas (user_id, area_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [u.id, areaId]);
  } finally {
    await c.end();
  }
  return name;
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-build.js')], { stdio: 'inherit' });
  say('Compilando la aplicación web (npm run build -w web) …');
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const js = initialJavaScript();

  const db = await prepare();
  const port = await freePort();
  const base = `http://localhost:${port}`;
  let api: ChildProcess | undefined;
  const browser = await chromium.launch(CHROMIUM);
  try {
    api = startNode(join(ROOT, 'dist', 'src', 'main.api.js'), {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl(db, 'asm_app'),
      REDIS_URL,
      QUEUE_PREFIX: `asm_bench_web_${randomBytes(3).toString('hex')}`,
      PORT: String(port),
      PUBLIC_BASE_URL: base,
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
      SWAGGER_ENABLED: 'false',
    });
    await waitHttp(`${base}/health/ready`);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-MX' });
    // Signs in through the cookie route without loading the page, so the first load below finds no asset cached.
    const signIn = await context.request.post(`${base}/api/v1/auth/session`, {
      headers: { 'X-ASM-CSRF': '1' },
      data: { email: USER, password: BENCH_PASSWORD },
    });
    if (!signIn.ok()) throw new Error(`No se pudo iniciar sesión: ${signIn.status()} ${await signIn.text()}`);
    const page = await context.newPage();

    /** A fresh page load of /acciones (session restored from the cookie) until rows are shown and the search box takes input. */
    const load = async (): Promise<number> => {
      const start = Date.now();
      await page.goto(`${base}/acciones`);
      await page.getByTestId('tabla-acciones').getByRole('row').nth(1).waitFor({ timeout: 60_000 });
      await page.getByLabel('Buscar').fill('a');
      return Date.now() - start;
    };
    const cold = await load();
    const total = await page
      .getByText(/^[\d,]+ acciones$/)
      .first()
      .textContent();
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await load());
    const median = [...warm].sort((a, b) => a - b)[Math.floor(RUNS / 2)];

    const kb = (b: number) => fmt(b / 1024, 1);
    const lines = [
      '',
      'B9 — aplicación web (tamaño M, Chromium sin interfaz)',
      `  JavaScript inicial: ${kb(js.gzip)} KB comprimido (gzip -9) en ${js.files.length} archivos; meta ≤ 300 KB → ${js.gzip <= 300 * 1024 ? 'cumple' : 'NO cumple'}`,
      ...js.files.map((f) => `    ${f.file}: ${kb(f.raw)} KB, ${kb(f.gzip)} KB comprimido`),
      `  Mis acciones de un responsable con ${ACTIONS} acciones (${total?.trim()}): mediana ${fmt(median)} ms de ${RUNS} cargas (${warm.map((w) => fmt(w)).join(', ')}); primera carga sin caché ${fmt(cold)} ms; meta ≤ 1,500 ms → ${median <= 1500 ? 'cumple' : 'NO cumple'}`,
    ];
    console.log(lines.join('\n'));
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench', 'results', 'web-latest.json'),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          initialJsGzipBytes: js.gzip,
          files: js.files,
          misAcciones: { actions: ACTIONS, warmMs: warm, medianMs: median, coldMs: cold },
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await stop(api);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
