import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from './support/app';
import { TestRedis } from './support/redis';
import { TestSmtp } from './support/smtp';
import { freePort, until } from './support/wait';

const ROOT = join(__dirname, '..');

/** A process started by the test, with what it printed. */
interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function launch(script: string, env: NodeJS.ProcessEnv, detached = false): Started {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', script)], { env, stdio: ['ignore', 'pipe', 'pipe'], detached });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { child, output: () => out, exit };
}

/** Processes of a process group still alive (zombies count as gone). */
function groupMembers(pgid: number): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => Number(f[1]) === pgid && !f[2]?.startsWith('Z'))
    .map((f) => `${f[0]} ${f.slice(3).join(' ')}`);
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/**
 * Finding 7: the worker stops within 10 s in every state (SIGTERM with Redis
 * gone, with Redis never there, in the middle of an SMTP conversation that
 * never ends), and Ctrl+C on `npm run demo` leaves no process behind.
 */
describe('stopping the processes', () => {
  let t: TestApp;
  const redis = new TestRedis();
  const smtp = new TestSmtp();

  beforeAll(async () => {
    await redis.start();
    await smtp.start();
    t = await createTestApp({ REDIS_URL: redis.url, SMTP_URL: smtp.url });
  });

  afterAll(async () => {
    await t.close();
    await smtp.stop();
    await redis.stop();
  });

  function workerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env = { ...process.env, ...t.config.env, LOG_LEVEL: 'info', RELAY_INTERVAL_MS: '200', ...extra } as Record<
      string,
      string | number | boolean | undefined
    >;
    for (const [k, v] of Object.entries(env)) env[k] = v === undefined ? undefined : String(v);
    return env as NodeJS.ProcessEnv;
  }

  /**
   * SIGTERM to the worker (in the `situation` the message names): it exits within 10 s. Waits for the exit
   * 20 s at the most (then the test fails, and kills it).
   */
  async function expectExitWithin10s(w: Started, situation: string): Promise<void> {
    const sent = Date.now();
    w.child.kill('SIGTERM');
    const done = await Promise.race([w.exit, new Promise<undefined>((r) => setTimeout(() => r(undefined), 20_000).unref())]);
    const ms = done ? done.at - sent : Infinity;
    process.stdout.write(`\nWorker ${situation}: terminó ${ms} ms después de SIGTERM.\n`);
    expect(ms).toBeLessThanOrEqual(10_000);
  }

  it('exits within 10 s of SIGTERM when Redis went away while it ran', async () => {
    const w = launch('main.worker.js', workerEnv({ REDIS_URL: redis.url, SMTP_URL: smtp.url }));
    try {
      await until('el worker listo', () => w.output().includes('Worker listo'), 60_000, 100);
      await redis.stop();
      await new Promise((r) => setTimeout(r, 1500));
      await expectExitWithin10s(w, 'con Redis caído');
    } finally {
      w.child.kill('SIGKILL');
      await redis.start();
    }
  }, 120_000);

  it('exits within 10 s of SIGTERM when Redis was never reachable', async () => {
    const w = launch('main.worker.js', workerEnv({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, SMTP_URL: smtp.url }));
    try {
      await until('el worker listo', () => w.output().includes('Worker listo'), 60_000, 100);
      await new Promise((r) => setTimeout(r, 1500));
      await expectExitWithin10s(w, 'sin Redis desde el inicio');
    } finally {
      w.child.kill('SIGKILL');
    }
  }, 120_000);

  it('exits within 10 s of SIGTERM in the middle of an SMTP conversation that never ends', async () => {
    let seen = 0;
    smtp.decide = () => {
      seen += 1;
      return 'hang';
    };
    const w = launch('main.worker.js', workerEnv({ REDIS_URL: redis.url, SMTP_URL: smtp.url }));
    try {
      await until('el worker listo', () => w.output().includes('Worker listo'), 60_000, 100);
      const [row] = (
        await t.db.query(
          `INSERT INTO notification_log (kind, recipient_email, subject, body_text, body_html, items) VALUES ('aviso', 'nadie@prueba.gob.mx', 'Aviso', 'T', '<p>T</p>', 1) RETURNING id`,
        )
      ).rows;
      await until('el envío en curso', () => seen >= 1, 60_000, 50);
      await expectExitWithin10s(w, 'a la mitad de un envío');
      // Cut mid-send, the message stays claimed and is sent again once MAIL_STUCK_AFTER_MS passes (R4).
      expect((await t.db.query(`SELECT status FROM notification_log WHERE id = $1`, [row.id])).rows[0].status).toBe('enviando');
    } finally {
      smtp.decide = () => 'accept';
      w.child.kill('SIGKILL');
    }
  }, 120_000);

  it('leaves no process behind when the demo is stopped with Ctrl+C', async () => {
    const data = mkdtempSync(join(tmpdir(), 'asm-demo-'));
    chmodSync(data, 0o777);
    const [port, pgPort, redisPort, smtpPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DEMO_PG_PORT: String(pgPort),
      DEMO_REDIS_PORT: String(redisPort),
      DEMO_SMTP_PORT: String(smtpPort),
      DEMO_DATA_DIR: data,
    };
    for (const k of ['DATABASE_URL', 'MIGRATIONS_DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'JWT_SECRET', 'QUEUE_PREFIX', 'LOG_LEVEL', 'NODE_OPTIONS'])
      delete env[k];
    // Its own process group, as a terminal gives `npm run demo`; Ctrl+C is SIGINT to the whole group.
    const demo = launch(join('demo', 'demo.js'), env, true);
    const pgid = demo.child.pid!;
    try {
      await until('la demostración lista', () => demo.output().includes('Ctrl+C para detener') && demo.output().includes('Worker listo'), 170_000, 200);
      await until('la API', async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status === 200, 60_000, 200);
      expect(groupMembers(pgid).length).toBeGreaterThanOrEqual(4); // demo, API, worker, redis-server, postgres
      const sent = Date.now();
      process.kill(-pgid, 'SIGINT');
      const { at, code, signal } = await demo.exit;
      await until('que no quede ningún proceso', () => groupMembers(pgid).length === 0, 5000, 100).catch(() => undefined);
      process.stdout.write(`\nDemo detenida con Ctrl+C en ${at - sent} ms (código ${code ?? signal}); procesos restantes: ${groupMembers(pgid).length}.\n`);
      if (groupMembers(pgid).length)
        process.stdout.write(
          demo
            .output()
            .split('\n')
            .filter((l) => !l.includes('"level":30,') || l.includes('Worker'))
            .join('\n'),
        );
      expect(groupMembers(pgid)).toEqual([]);
      for (const p of [port, pgPort, redisPort, smtpPort]) expect(await listening(p)).toBe(false);
    } finally {
      if (groupMembers(pgid).length) process.kill(-pgid, 'SIGKILL');
      rmSync(data, { recursive: true, force: true });
    }
  }, 300_000);
});
