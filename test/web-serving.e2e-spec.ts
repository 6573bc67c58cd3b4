import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { serveWebApp } from '../src/web/serve-web';

@Controller()
class Probe {
  @Get('api/v1/ping') ping() {
    return { ok: true };
  }

  @Get('health/live') live() {
    return { status: 'ok' };
  }
}

@Module({ controllers: [Probe] })
class ProbeModule {}

/*
 * How the API process serves the built web application: hashed assets cached
 * for a year, the page never cached, page addresses answered with the page,
 * and nothing under /api or /health ever shadowed.
 */
describe('serving the web application', () => {
  let dir: string;
  let app: NestExpressApplication;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asm-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>ASM</title><div id="root"></div>');
    await writeFile(join(dir, 'assets', 'index-Abc123.js'), 'console.log(1)');
    await writeFile(join(dir, 'favicon.svg'), '<svg/>');
    // Files under the server's own paths are never served, and never looked for on disk.
    await mkdir(join(dir, 'api', 'v1'), { recursive: true });
    await writeFile(join(dir, 'api', 'v1', 'ping'), 'archivo');
    await writeFile(join(dir, 'api', 'v1', 'archivo.txt'), 'archivo');
    app = await NestFactory.create<NestExpressApplication>(ProbeModule, { logger: false });
    serveWebApp(app, dir);
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (path: string, accept = 'text/html') => request(app.getHttpServer()).get(path).set('Accept', accept);

  it('serves hashed assets with a long immutable cache, and other files revalidated', async () => {
    const js = await get('/assets/index-Abc123.js', '*/*');
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await get('/favicon.svg', '*/*');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers every page address with the page, never cached', async () => {
    for (const path of ['/', '/acciones/0b6f1c8e-0000-4000-8000-000000000001', '/revision/x', '/entrar?siguiente=%2Fasm']) {
      const res = await get(path);
      expect({ path, status: res.status, type: res.type }).toEqual({ path, status: 200, type: 'text/html' });
      expect(res.text).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('never shadows the API, its documentation or health', async () => {
    expect((await get('/api/v1/ping')).body).toEqual({ ok: true });
    expect((await get('/health/live')).body).toEqual({ status: 'ok' });
    for (const path of ['/api/v1/no-existe', '/api/docs', '/api', '/health/otra', '/api/v1/archivo.txt']) {
      const res = await get(path);
      expect({ path, status: res.status, page: res.text.includes('<div id="root">') }).toEqual({ path, status: 404, page: false });
    }
  });

  it('keeps a missing asset a 404 instead of answering it with the page', async () => {
    const res = await get('/assets/index-Old999.js', '*/*');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<div id="root">');
  });
});
