import { ClientRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApiApp } from '../src/bootstrap';
import { AppConfig } from '../src/config/app-config';
import { Client, createTestApp, TEST_PASSWORD, TestApp } from './support/app';
import { avanceForEvidence, evidenceRequest, multipartParts } from './support/evidence';
import { pdf } from './support/samples';
import { until } from './support/wait';

/**
 * Issue 15, item 4: two API replicas (two real applications, each with its own
 * pool, limiter and throttle) on one database, one Redis prefix and one
 * evidence storage enforce one set of limits, and either serves what the
 * other did: sessions, browser cookies, files.
 */
describe('two API replicas', () => {
  let t: TestApp;
  let b: INestApplication;
  let httpA: TestAgent;
  let httpB: TestAgent;
  let ports: [number, number];
  let resp: Client;
  let avanceId: string;

  const listen = async (app: INestApplication) => {
    const server = app.getHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return (server.address() as AddressInfo).port;
  };

  beforeAll(async () => {
    t = await createTestApp({ UPLOAD_MAX_CONCURRENT_PER_USER: '2', LOGIN_MAX_FAILURES_PER_ACCOUNT: '4', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    b = await createApiApp(new AppConfig(t.env));
    await b.init();
    ports = [await listen(t.app), await listen(b)];
    httpA = t.http;
    httpB = request(b.getHttpServer());
    ({ resp, avanceId } = await avanceForEvidence(t));
  });

  afterAll(async () => {
    await b.close();
    await t.close();
  });

  const login = (http: TestAgent, email: string, password: string) => http.post('/api/v1/auth/login').send({ email, password });

  it('an access token from A works on B, and a browser session cookie from A renews on B', async () => {
    const u = await t.user({ roles: ['consulta'] });
    const { accessToken } = (await login(httpA, u.email, TEST_PASSWORD).expect(200)).body;
    expect((await httpB.get('/api/v1/auth/me').set('Authorization', `Bearer ${accessToken}`).expect(200)).body.email).toBe(u.email);
    const session = await httpA.post('/api/v1/auth/session').set('X-ASM-CSRF', '1').send({ email: u.email, password: TEST_PASSWORD }).expect(200);
    const cookie = (session.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('asm_refresh='))!.split(';')[0];
    const renewed = await httpB.post('/api/v1/auth/session/refresh').set('Cookie', cookie).set('X-ASM-CSRF', '1').expect(200);
    await httpA.get('/api/v1/auth/me').set('Authorization', `Bearer ${renewed.body.accessToken}`).expect(200);
    // The cookie rotated on B: A refuses the old one (one session store, not two).
    await httpA.post('/api/v1/auth/session/refresh').set('Cookie', cookie).set('X-ASM-CSRF', '1').expect(401);
  });

  it('failed logins spread over both lock the account on both: 2 on A + 2 on B reach the limit of 4', async () => {
    const u = await t.user({ roles: ['consulta'] });
    for (const http of [httpA, httpB, httpA, httpB]) await login(http, u.email, 'incorrecta-123456').expect(401);
    for (const http of [httpA, httpB]) {
      const res = await login(http, u.email, TEST_PASSWORD).expect(429);
      expect(res.body.code).toBe('LOGIN_THROTTLED');
    }
  });

  /** An upload sent to `port` that stops after its first bytes, holding its slot until `finish`. */
  function heldUpload(port: number, content: Buffer): { finish(): Promise<number> } {
    const boundary = 'replicas';
    const { head, tail } = multipartParts(boundary, 'retenido.pdf');
    let req: ClientRequest;
    const answered = new Promise<number>((resolve, reject) => {
      req = evidenceRequest(
        { port, avanceId, token: resp.token, boundary, headers: { 'Content-Length': head.length + content.length + tail.length } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode!));
        },
      );
      req.on('error', reject);
      req.write(Buffer.concat([head, content.subarray(0, 16)]));
    });
    return {
      finish: () => {
        req.end(Buffer.concat([content.subarray(16), tail]));
        return answered;
      },
    };
  }

  const slots = async () => (await t.db.query(`SELECT count(*)::int AS n FROM upload_slots`)).rows[0].n as number;
  const files = async () => (await t.db.query(`SELECT count(*)::int AS n FROM evidence_files`)).rows[0].n as number;

  it('concurrent uploads beyond the limit across both are refused in Spanish on both; nothing is written for them', async () => {
    const before = await files();
    const held = [heldUpload(ports[0], pdf('retenida en A')), heldUpload(ports[1], pdf('retenida en B'))];
    let finished: Promise<number[]> | undefined;
    try {
      await until('las dos cargas retenidas tienen su lugar', async () => (await slots()) === 2);
      for (const http of [httpA, httpB]) {
        const refused = await http
          .post(`/api/v1/avances/${avanceId}/evidence`)
          .set('Authorization', `Bearer ${resp.token}`)
          .attach('file', pdf('una de más'), 'de-mas.pdf')
          .expect(429);
        expect(refused.body.code).toBe('TOO_MANY_UPLOADS');
        expect(refused.body.message).toBe('Tienes demasiadas cargas de archivos en curso; espera a que terminen y vuelve a intentarlo.');
      }
      expect(await files()).toBe(before);
    } finally {
      // Even when an assertion failed: the held uploads end, so that the applications can close.
      finished = Promise.all(held.map((h) => h.finish()));
    }
    expect(await finished).toEqual([201, 201]);
    expect(await files()).toBe(before + 2);
    expect(await slots()).toBe(0);
    // The slots are free again, on either replica.
    await httpB
      .post(`/api/v1/avances/${avanceId}/evidence`)
      .set('Authorization', `Bearer ${resp.token}`)
      .attach('file', pdf('después'), 'despues.pdf')
      .expect(201);
  });

  it('a file uploaded through A is downloaded through B, byte for byte', async () => {
    const content = pdf('subida en A, bajada en B');
    const id = (await resp.upload(`/api/v1/avances/${avanceId}/evidence`, content, 'compartida.pdf').expect(201)).body.id;
    const res = await httpB.get(`/api/v1/evidence/${id}/content`).set('Authorization', `Bearer ${resp.token}`).buffer(true).expect(200);
    expect(Buffer.compare(res.body as Buffer, content)).toBe(0);
  });
});
