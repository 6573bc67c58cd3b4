import { createHash, randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, createTestApp, TestApp } from './support/app';
import { binary } from './support/documents';
import { evidenceRequest, multipartParts } from './support/evidence';
import { committedAsm, Factory, openCut } from './support/factories';
import { EXE, pdf, PNG } from './support/samples';

/** Upload abuse (R3): refused with a clear 4xx, nothing stored, no temporary file left. */
describe('evidence uploads', () => {
  let t: TestApp;
  let resp: Client;
  let other: Client;
  let coord: Client;
  let avanceId: string;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ EVIDENCE_MAX_BYTES: String(50 * 1024 * 1024), UPLOAD_MAX_CONCURRENT_PER_USER: '4' });
    const admin = await t.as(await t.user({ roles: ['administrador'] }));
    const f = new Factory(admin);
    const p = await f.program();
    const cy = await f.cycle('2021-2022');
    const [ca, ra, oa] = [await f.area('Coordinadora'), await f.area('Responsable'), await f.area('Ajena')];
    coord = await t.as(await t.user({ roles: ['coordinador'], areaIds: [ca.id] }));
    resp = await t.as(await t.user({ roles: ['responsable'], areaIds: [ra.id] }));
    other = await t.as(await t.user({ roles: ['responsable'], areaIds: [oa.id] }));
    const asm = await committedAsm(coord, { programId: p.id, cycleId: cy.id, coordinatingAreaId: ca.id, text: 'ASM', actions: [f.action([ra.id])] });
    await openCut(t);
    avanceId = (await resp.post(`/api/v1/actions/${asm.actions[0].id}/avances`, { percent: 30 }).expect(201)).body.id;
    const server = t.app.getHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await t.close();
  });

  const storageDir = () => t.config.get('STORAGE_DIR');

  async function leftovers(): Promise<string[]> {
    return readdir(join(storageDir(), 'tmp')).catch(() => []);
  }

  async function storedObjects(): Promise<number> {
    const walk = async (dir: string): Promise<number> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      let n = 0;
      for (const e of entries) n += e.isDirectory() ? await walk(join(dir, e.name)) : 1;
      return n;
    };
    return walk(join(storageDir(), 'sha256'));
  }

  const rows = async () => (await t.db.query(`SELECT count(*)::int AS n FROM evidence_files`)).rows[0].n as number;

  /** The content rawUpload sends: a PDF's first bytes, then spaces, in parts of 1 MB. */
  function* content(size: number): Generator<Buffer> {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    pdf().copy(chunk);
    for (let left = size; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
  }

  /** Streams a multipart upload of `size` bytes; resolves with the status and how much was sent before the answer. */
  function rawUpload(size: number, chunked: boolean): Promise<{ status: number; body: string; sentAtResponse: number }> {
    const boundary = 'limite-de-prueba';
    const { head, tail } = multipartParts(boundary, 'enorme.pdf');
    return new Promise((resolve, reject) => {
      let sent = 0;
      let sentAtResponse = -1;
      const req = evidenceRequest({
        port,
        avanceId,
        token: resp.token,
        boundary,
        headers: chunked ? { 'Transfer-Encoding': 'chunked' } : { 'Content-Length': String(head.length + size + tail.length) },
      });
      req.on('response', (res) => {
        sentAtResponse = sent;
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body, sentAtResponse }));
      });
      req.on('error', (err) => (sentAtResponse >= 0 ? undefined : reject(err)));
      const write = async () => {
        req.write(head);
        for (const part of content(size)) {
          if (sentAtResponse >= 0) break;
          if (!req.write(part)) {
            await new Promise<void>((r) => {
              const go = () => {
                req.off('drain', go).off('close', go);
                r();
              };
              req.on('drain', go).on('close', go);
            });
          }
          sent += part.length;
          if (req.destroyed) return;
        }
        if (sentAtResponse < 0) req.end(tail);
      };
      void write().catch(() => undefined);
    });
  }

  it('refuses a 60 MB file with 413 before reading it (declared length)', async () => {
    const before = await rows();
    const res = await rawUpload(60 * 1024 * 1024, false);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'El archivo excede el máximo de 50 MB; reduce su tamaño o divídelo.' });
    expect(res.sentAtResponse).toBeLessThan(8 * 1024 * 1024);
    expect(await rows()).toBe(before);
    expect(await leftovers()).toEqual([]);
  });

  it('cuts off a 60 MB streamed (chunked) upload as soon as it crosses the limit', async () => {
    const before = { rows: await rows(), objects: await storedObjects() };
    const res = await rawUpload(60 * 1024 * 1024, true);
    expect(res.status).toBe(413);
    expect(res.sentAtResponse).toBeLessThan(58 * 1024 * 1024);
    expect(await rows()).toBe(before.rows);
    expect(await storedObjects()).toBe(before.objects);
    expect(await leftovers()).toEqual([]);
  });

  it('accepts a file of exactly the limit (50 MB) and refuses one byte more while receiving it, storing nothing', async () => {
    const max = 50 * 1024 * 1024;
    const before = { rows: await rows(), objects: await storedObjects() };
    // The declared length passes the early check: the limit is enforced on the bytes as they arrive.
    const over = await rawUpload(max + 1, false);
    expect(over.status).toBe(413);
    expect(JSON.parse(over.body)).toMatchObject({ code: 'FILE_TOO_LARGE', message: 'El archivo excede el máximo de 50 MB; reduce su tamaño o divídelo.' });
    expect(await rows()).toBe(before.rows);
    expect(await storedObjects()).toBe(before.objects);
    expect(await leftovers()).toEqual([]);

    const exact = await rawUpload(max, false);
    expect(exact.status).toBe(201);
    const hash = createHash('sha256');
    for (const part of content(max)) hash.update(part);
    expect(JSON.parse(exact.body)).toMatchObject({ sizeBytes: max, sha256: hash.digest('hex'), mimeType: 'application/pdf' });
    expect(await rows()).toBe(before.rows + 1);
    expect(await storedObjects()).toBe(before.objects + 1);
    expect(await leftovers()).toEqual([]);
  });

  it('decides the type from first bytes that arrive in small pieces, and stores every byte', async () => {
    // A slow client: the 4,100 bytes the type is read from come in 41 pieces, each its own chunk on the server.
    const content = Buffer.concat([pdf('en pedazos'), randomBytes(2 * 1024 * 1024)]);
    const boundary = 'limite-en-pedazos';
    const { head, tail } = multipartParts(boundary, 'pedazos.pdf');
    const before = await rows();
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = evidenceRequest({
        port,
        avanceId,
        token: resp.token,
        boundary,
        headers: { 'Content-Length': String(head.length + content.length + tail.length) },
      });
      req.on('response', (r) => {
        let body = '';
        r.on('data', (d) => (body += d));
        r.on('end', () => resolve({ status: r.statusCode!, body }));
      });
      req.on('error', reject);
      void (async () => {
        req.write(head);
        for (let at = 0; at < 4100; at += 100) {
          req.write(content.subarray(at, at + 100));
          await new Promise((r) => setTimeout(r, 5));
        }
        req.end(Buffer.concat([content.subarray(4100), tail]));
      })();
    });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({
      mimeType: 'application/pdf',
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
    });
    expect(await rows()).toBe(before + 1);
    expect(await leftovers()).toEqual([]);
  });

  it.each([
    ['an executable renamed .pdf', EXE, 'informe.pdf', 415, 'FILE_TYPE_NOT_ALLOWED'],
    ['a PDF named .png', pdf(), 'captura.png', 415, 'FILE_TYPE_NOT_ALLOWED'],
    ['a text file', Buffer.from('hola, esto es texto plano\n'.repeat(200)), 'notas.pdf', 415, 'FILE_TYPE_NOT_ALLOWED'],
    ['an empty file', Buffer.alloc(0), 'vacio.pdf', 400, 'EMPTY_FILE'],
    // Sent raw: client libraries strip paths themselves, a hostile client does not.
    ['a name with ../', pdf(), { raw: 'filename="../../etc/passwd.pdf"' }, 400, 'FILE_NAME_INVALID'],
    ['a name with ..\\', pdf(), { raw: 'filename="..\\..\\windows\\win.ini.pdf"' }, 400, 'FILE_NAME_INVALID'],
    ['a name with encoded control characters', pdf(), { raw: `filename*=UTF-8''informe%07%1B.pdf` }, 400, 'FILE_NAME_INVALID'],
    ['a name with raw control characters', pdf(), { raw: 'filename="informe\u0007\u001b.pdf"' }, 400, 'MULTIPART_INVALID'],
  ])('refuses %s, storing nothing', async (_label, content, name, status, code) => {
    const before = { rows: await rows(), objects: await storedObjects() };
    const send =
      typeof name === 'string'
        ? resp.upload(`/api/v1/avances/${avanceId}/evidence`, content, name)
        : t.http
            .post(`/api/v1/avances/${avanceId}/evidence`)
            .set('Authorization', `Bearer ${resp.token}`)
            .set('Content-Type', 'multipart/form-data; boundary=xyz')
            .send(
              Buffer.concat([
                Buffer.from(`--xyz\r\nContent-Disposition: form-data; name="file"; ${name.raw}\r\nContent-Type: application/pdf\r\n\r\n`, 'latin1'),
                content,
                Buffer.from('\r\n--xyz--\r\n'),
              ]),
            );
    const res = await send.expect(status);
    expect(res.body.code).toBe(code);
    expect(res.body.message.length).toBeGreaterThan(20);
    expect(await rows()).toBe(before.rows);
    expect(await storedObjects()).toBe(before.objects);
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a request without a file or that is not multipart', async () => {
    const none = await resp.post(`/api/v1/avances/${avanceId}/evidence`, { file: 'x' }).expect(415);
    expect(none.body.code).toBe('MULTIPART_REQUIRED');
    expect(await leftovers()).toEqual([]);
  });

  it('handles 20 uploads at once: each is stored or refused with 429, nothing half-written', async () => {
    const before = { rows: await rows(), objects: await storedObjects() };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => resp.upload(`/api/v1/avances/${avanceId}/evidence`, pdf(`archivo ${i}`), `anexo-${i}.pdf`)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 429)).toBe(true);
    const ok = statuses.filter((s) => s === 201).length;
    expect(ok).toBeGreaterThanOrEqual(4);
    for (const r of results.filter((x) => x.status === 429)) expect(r.body.code).toBe('TOO_MANY_UPLOADS');
    expect(await rows()).toBe(before.rows + ok);
    expect(await storedObjects()).toBe(before.objects + ok);
    expect(await leftovers()).toEqual([]);
  });

  it('stores a file with its SHA-256, serves it back to its area and refuses another area', async () => {
    const up = (await resp.upload(`/api/v1/avances/${avanceId}/evidence`, PNG, 'Captura de pantalla — año.png').expect(201)).body;
    expect(up).toMatchObject({ displayName: 'Captura de pantalla — año.png', mimeType: 'image/png', sizeBytes: PNG.length });
    expect(up.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
    const got = await binary(resp.get(`/api/v1/evidence/${up.id}/content`));
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="Captura de pantalla _ ano.png"; filename*=UTF-8''Captura%20de%20pantalla%20%E2%80%94%20a%C3%B1o.png`,
    );
    expect(Buffer.compare(got.body as Buffer, PNG)).toBe(0);
    const denied = await other.get(`/api/v1/evidence/${up.id}/content`).expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    await other.upload(`/api/v1/avances/${avanceId}/evidence`, PNG, 'intruso.png').expect(403);
    // The coordinator of the ASM may read it.
    await coord.get(`/api/v1/evidence/${up.id}/content`).expect(200);

    // Withdrawing keeps the file and records who, when and why.
    const w = (await resp.post(`/api/v1/evidence/${up.id}/withdraw`, { version: up.version, reason: 'Se adjuntó por error' }).expect(200)).body;
    expect(w.withdrawnAt).not.toBeNull();
    expect(w.withdrawalReason).toBe('Se adjuntó por error');
    await resp.get(`/api/v1/evidence/${up.id}/content`).expect(200);
    const history = (await resp.get(`/api/v1/avances/${avanceId}`).expect(200)).body.history.map((h: { event: string }) => h.event);
    expect(history).toContain('evidencia_retirada');
  });
});
