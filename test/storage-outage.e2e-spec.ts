import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@nestjs/common';
import { Client, createTestApp, TestApp } from './support/app';
import { avanceForEvidence } from './support/evidence';
import { S3_TEST_CREDENTIALS, startS3, TestS3 } from './support/s3';
import { pdf } from './support/samples';

const TOKEN = randomBytes(24).toString('hex');

/**
 * Issue 15, item 9: evidence storage is a dependency like PostgreSQL and
 * Redis. When it fails, uploads and downloads answer 503 STORAGE_UNAVAILABLE
 * (not the database's code, not an error that blames the user), the failure
 * is logged at error and counted, /health/storage says so, readiness reports
 * it without draining the API, and a refused upload writes nothing.
 */
describe.each([
  ['S3 stopped', 's3'],
  ['the storage directory gone', 'disk'],
] as const)('evidence storage down (%s)', (_, backend) => {
  let s3: TestS3 | undefined;
  let t: TestApp;
  let resp: Client;
  let avanceId: string;
  let storedId: string;
  let logged: jest.SpyInstance;
  const content = pdf(`guardado antes de la falla (${backend})`);

  const rows = async () =>
    (await t.db.query(`SELECT (SELECT count(*) FROM evidence_files)::int AS files, (SELECT count(*) FROM avance_events)::int AS events`)).rows[0];
  const metric = async (operation: string) => {
    const text = (await t.http.get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;
    const line = text.split('\n').find((l) => l.startsWith(`asm_evidence_storage_errors_total{operation="${operation}"}`));
    return { errors: line ? Number(line.split(' ')[1]) : 0, up: /asm_dependency_up\{dependency="storage"\} (\d)/.exec(text)?.[1] };
  };
  const objects = async (): Promise<string[]> => {
    if (s3) {
      const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: S3_TEST_CREDENTIALS });
      const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
      client.destroy();
      return (listed.Contents ?? []).map((o) => o.Key!).sort();
    }
    const walk = async (dir: string): Promise<string[]> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      const found: string[] = [];
      for (const e of entries) found.push(...(e.isDirectory() ? await walk(join(dir, e.name)) : [join(dir, e.name)]));
      return found;
    };
    return (await walk(t.config.get('STORAGE_DIR'))).sort();
  };
  let isDown = false;
  const down = async () => {
    isDown = true;
    if (s3) return s3.halt();
    // The directory disappears and a plain file stands where it was: nothing can be read or created under it.
    const dir = t.config.get('STORAGE_DIR');
    await rename(dir, `${dir}.aparte`);
    await writeFile(dir, 'no es un directorio');
  };
  const up = async () => {
    if (!isDown) return;
    isDown = false;
    if (s3) return s3.resume();
    const dir = t.config.get('STORAGE_DIR');
    await rm(dir);
    await rename(`${dir}.aparte`, dir);
  };

  beforeAll(async () => {
    if (backend === 's3') s3 = await startS3();
    t = await createTestApp({
      METRICS_TOKEN: TOKEN,
      ...(s3
        ? {
            STORAGE_BACKEND: 's3',
            S3_ENDPOINT: s3.endpoint,
            S3_BUCKET: s3.bucket,
            S3_FORCE_PATH_STYLE: 'true',
            S3_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
            S3_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
          }
        : {}),
    });
    if (!s3) await mkdir(t.config.get('STORAGE_DIR'), { recursive: true });
    ({ resp, avanceId } = await avanceForEvidence(t));
    storedId = (await resp.upload(`/api/v1/avances/${avanceId}/evidence`, content, 'anexo.pdf').expect(201)).body.id;
    logged = jest.spyOn(Logger.prototype, 'error');
  });

  afterAll(async () => {
    logged.mockRestore();
    await t.close();
    await s3?.stop();
  });

  it('while it is up: /health/storage is green and readiness reports it', async () => {
    expect((await t.http.get('/health/storage').expect(200)).body).toEqual({ status: 'ok', checks: [{ name: 'storage', ok: true }] });
    const ready = (await t.http.get('/health/ready').expect(200)).body;
    expect(ready.status).toBe('ok');
    expect(ready.checks).toContainEqual({ name: 'storage', ok: true });
    expect((await metric('upload')).up).toBe('1');
  });

  describe('while it is down', () => {
    let before: { files: number; events: number };
    let objectsBefore: string[];

    beforeAll(async () => {
      before = await rows();
      objectsBefore = await objects();
      await down();
      logged.mockClear();
    });

    afterAll(async () => {
      await up();
    });

    it('a download answers 503 STORAGE_UNAVAILABLE in Spanish, logged at error and counted', async () => {
      const res = await resp.get(`/api/v1/evidence/${storedId}/content`).expect(503);
      expect(res.body.code).toBe('STORAGE_UNAVAILABLE');
      expect(res.body.message).toMatch(/^El almacenamiento de evidencias no responde.*no se puede descargar/);
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ operation: 'download', backend }), 'El almacenamiento de evidencias no responde');
      expect((await metric('download')).errors).toBe(1);
      // The file's record itself is still there: the database is fine.
      await resp.get(`/api/v1/evidence/${storedId}`).expect(200);
    });

    it('an upload answers 503 STORAGE_UNAVAILABLE (not UPLOAD_FAILED), and writes nothing', async () => {
      const res = await resp.upload(`/api/v1/avances/${avanceId}/evidence`, pdf(`durante la falla (${backend})`), 'nuevo.pdf').expect(503);
      expect(res.body.code).toBe('STORAGE_UNAVAILABLE');
      expect(res.body.message).toMatch(/^El almacenamiento de evidencias no responde.*no se guardó/);
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ operation: 'upload', backend }), 'El almacenamiento de evidencias no responde');
      expect((await metric('upload')).errors).toBe(1);
      expect(await rows()).toEqual(before);
    });

    it('/health/storage answers 503 (the reason only to a signed-in caller); readiness stays 200, degraded; the metric says 0', async () => {
      const anonymous = (await t.http.get('/health/storage').expect(503)).body;
      expect(anonymous.code).toBe('STORAGE_UNAVAILABLE');
      expect(anonymous.details).toEqual([]);
      const signedIn = (await resp.get('/health/storage').expect(503)).body;
      expect(signedIn.details).toEqual([{ field: 'storage', message: expect.any(String) }]);
      const ready = (await t.http.get('/health/ready').expect(200)).body;
      expect(ready.status).toBe('degraded');
      expect(ready.checks).toContainEqual({ name: 'storage', ok: false });
      expect(ready.checks).toContainEqual({ name: 'database', ok: true });
      expect((await metric('upload')).up).toBe('0');
    });

    it('after it returns: no orphan object was left by the refused upload, and files flow again', async () => {
      await up();
      expect(await objects()).toEqual(objectsBefore);
      const back = await resp.get(`/api/v1/evidence/${storedId}/content`).buffer(true).expect(200);
      expect(Buffer.compare(back.body as Buffer, content)).toBe(0);
      await resp.upload(`/api/v1/avances/${avanceId}/evidence`, pdf(`después de la falla (${backend})`), 'despues.pdf').expect(201);
      expect((await rows()).files).toBe(before.files + 1);
    });
  });
});
