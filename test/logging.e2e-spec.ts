import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestApp, TestApp } from './support/app';
import { freePort, until } from './support/wait';

const ROOT = join(__dirname, '..');

/**
 * Logs an operator can read: with LOG_PRETTY=true (the demo's default, pino-pretty) the API starts
 * and prints one short line per request; in production (JSON) each request is one short line at
 * info with method, route, status and milliseconds, and the request's headers only at debug. Nest's
 * boot chatter (a line per module and per route, ~145) stays at debug.
 */
describe('logs', () => {
  let t: TestApp;
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await t.close();
  });

  /** The real API process (npm start's command) with these log settings; what it printed once a request was served. */
  async function serve(settings: Record<string, string>): Promise<{ boot: string[]; request: string[] }> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), ...settings };
    for (const k of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'QUEUE_PREFIX', 'STORAGE_DIR'] as const) env[k] = String(t.config.get(k));
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.api.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await until(
        'la API escuchando',
        async () => {
          if (child.exitCode !== null) throw new Error(`La API terminó (código ${child.exitCode}):\n${out}`);
          return (await fetch(`http://127.0.0.1:${port}/health/live`).catch(() => undefined))?.status === 200;
        },
        60_000,
        200,
      );
      const boot = out.split('\n').filter(Boolean);
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/asms/7b0c7e5e-0000-4000-8000-000000000001?campo=x`, {
        headers: { Authorization: 'Bearer no-es-un-token', 'User-Agent': 'prueba-de-bitacora' },
      });
      expect(res.status).toBe(401);
      await until('la línea de la petición', () => out.includes('GET /api/v1/asms/:id 401'), 10_000, 50);
      return { boot, request: out.split('\n').filter((l) => l.includes('GET /api/v1/asms/:id 401')) };
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    }
  }

  it('LOG_PRETTY=true starts (pino-pretty is installed) and prints one short, readable line per request', async () => {
    const { boot, request } = await serve({ LOG_PRETTY: 'true', LOG_LEVEL: 'info' });
    expect(boot.length).toBeLessThan(20);
    expect(boot.join('\n')).not.toContain('Mapped {');
    expect(request).toHaveLength(1);
    expect(request[0]).toContain('GET /api/v1/asms/:id 401');
    expect(request[0]).not.toMatch(/^\{/);
    expect(request[0].length).toBeLessThan(300);
    expect(request[0]).not.toContain('prueba-de-bitacora');
  });

  it('production logs are JSON: one line per request at info with method, route, status and duration, no headers', async () => {
    const { boot, request } = await serve({ LOG_PRETTY: 'false', LOG_LEVEL: 'info' });
    expect(boot.length).toBeLessThan(20);
    for (const line of boot) expect(() => JSON.parse(line)).not.toThrow();
    expect(request).toHaveLength(1);
    const line = JSON.parse(request[0]) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 30,
      method: 'GET',
      route: '/api/v1/asms/:id',
      status: 401,
      msg: expect.stringMatching(/^GET \/api\/v1\/asms\/:id 401 \d+ ms$/),
    });
    expect(typeof line.ms).toBe('number');
    expect(typeof line.reqId).toBe('string');
    expect(line).not.toHaveProperty('req');
    expect(line).not.toHaveProperty('res');
    // The query string (which may carry anything) stays out of the line.
    expect(request[0]).not.toContain('campo=x');
    expect(request[0].length).toBeLessThan(400);
  });

  it('at debug the same request line carries the details (headers, redacted authorization)', async () => {
    const { request } = await serve({ LOG_PRETTY: 'false', LOG_LEVEL: 'debug' });
    expect(request).toHaveLength(1);
    const line = JSON.parse(request[0]) as { req: { headers: Record<string, string> }; res: unknown };
    expect(line.req.headers['user-agent']).toBe('prueba-de-bitacora');
    expect(line.req.headers.authorization).toBe('[Redacted]');
    expect(line.res).toBeDefined();
  });
});
