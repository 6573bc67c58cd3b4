import { readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { LoggerService } from '@nestjs/common';
import { Client, createTestApp, TestApp } from './support/app';
import { binary } from './support/documents';

const SAMPLE = readFileSync(join(__dirname, 'fixtures', 'reference', 'avance-documento-institucional-imss-bienestar-2022-09.txt'));
const IMPORT =
  '/api/v1/imports/oficial?ramo=19&institucion=IMSS&nombreInstitucion=Instituto%20Mexicano%20del%20Seguro%20Social&nombreRamo=Aportaciones%20a%20Seguridad%20Social';

/** Every line the application logs through Nest's logger, with its level. */
class CapturingLogger implements LoggerService {
  readonly lines: { level: string; message: string }[] = [];
  private add(level: string, message: unknown, rest: unknown[]) {
    this.lines.push({ level, message: [message, ...rest].map((x) => (typeof x === 'string' ? x : inspect(x))).join(' ') });
  }
  log = (m: unknown, ...r: unknown[]) => this.add('info', m, r);
  error = (m: unknown, ...r: unknown[]) => this.add('error', m, r);
  fatal = (m: unknown, ...r: unknown[]) => this.add('fatal', m, r);
  warn = (m: unknown, ...r: unknown[]) => this.add('warn', m, r);
  debug = (m: unknown, ...r: unknown[]) => this.add('debug', m, r);
  verbose = (m: unknown, ...r: unknown[]) => this.add('verbose', m, r);
}

describe('downloads completed or cancelled by the client', () => {
  let t: TestApp;
  let evaluacion: Client;
  let port: number;
  let paths: string[];
  const logger = new CapturingLogger();

  beforeAll(async () => {
    t = await createTestApp();
    evaluacion = await t.as(await t.user({ roles: ['evaluacion'] }));
    await evaluacion.upload(IMPORT, SAMPLE, 'avance.txt').expect(200);
    const cycle = (await evaluacion.get('/api/v1/cycles').expect(200)).body.find((c: { label: string }) => c.label === '2021-2022');
    paths = ['xlsx', 'pdf', 'csv'].map((f) => `/api/v1/cycles/${cycle.id}/documents/documento-institucional?format=${f}`);
    t.app.useLogger(logger);
    await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await t.close();
  });

  /** Asks for a document and closes the connection as soon as the answer starts (or, with `afterBytes`, after that many bytes). */
  const abort = (path: string, afterBytes: number) =>
    new Promise<void>((resolve, reject) => {
      const req = httpGet({ host: '127.0.0.1', port, path, headers: { Authorization: `Bearer ${evaluacion.token}` } }, (res) => {
        let seen = 0;
        if (afterBytes === 0) req.destroy();
        res.on('data', (c: Buffer) => {
          seen += c.length;
          if (seen >= afterBytes) req.destroy();
        });
      });
      req.on('close', resolve);
      req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(err)));
    });

  it('logs no error for 60 complete downloads and 30 cancelled ones', async () => {
    let complete = 0;
    for (let i = 0; i < 60; i++) {
      const res = await binary(evaluacion.get(paths[i % 3])).expect(200);
      expect((res.body as Buffer).length).toBe(Number(res.headers['content-length']));
      complete += 1;
    }
    for (let i = 0; i < 30; i++) await abort(paths[i % 3], [0, 1, 4096][i % 3]);
    // Let the server see every closed connection.
    await new Promise((r) => setTimeout(r, 500));
    expect(complete).toBe(60);
    expect(logger.lines.filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
    // The API still answers after them.
    await binary(evaluacion.get(paths[0])).expect(200);
  });
});
