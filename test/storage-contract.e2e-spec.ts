import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DiskStorage } from '../src/modules/evidence/storage/disk.storage';
import type { EvidenceStorage } from '../src/modules/evidence/storage/evidence-storage';
import { S3Storage } from '../src/modules/evidence/storage/s3.storage';
import { createTestApp } from './support/app';
import { binary } from './support/documents';
import { avanceForEvidence } from './support/evidence';
import { pdf } from './support/samples';
import { S3_TEST_CREDENTIALS, startS3 } from './support/s3';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Adapter {
  storage: EvidenceStorage;
  /** Every object stored, temporary ones included. */
  objects(): Promise<string[]>;
  stop(): Promise<void>;
}

async function disk(): Promise<Adapter> {
  const root = await mkdtemp(join(tmpdir(), 'asm-disk-'));
  const walk = async (dir: string, prefix = ''): Promise<string[]> => {
    const out: string[] = [];
    for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (e.isDirectory()) out.push(...(await walk(join(dir, e.name), `${prefix}${e.name}/`)));
      else out.push(`${prefix}${e.name}`);
    }
    return out;
  };
  return { storage: new DiskStorage(root), objects: () => walk(root), stop: () => rm(root, { recursive: true, force: true }) };
}

async function s3(): Promise<Adapter> {
  const server = await startS3();
  const storage = new S3Storage({ bucket: server.bucket, region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true, ...S3_TEST_CREDENTIALS });
  return {
    storage,
    objects: async () => ((await storage.client.send(new ListObjectsV2Command({ Bucket: server.bucket }))).Contents ?? []).map((o) => o.Key!),
    stop: () => server.stop(),
  };
}

/** The same contract, run against every adapter. */
describe.each([
  ['disk', disk],
  ['s3 (s3rver)', s3],
])('evidence storage contract: %s', (_name, make) => {
  let a: Adapter;

  beforeAll(async () => {
    a = await make();
  });

  afterAll(async () => {
    await a.stop();
  });

  async function put(content: Buffer, chunk = 64 * 1024): Promise<{ key: string; created: boolean }> {
    const up = await a.storage.begin();
    const parts = function* () {
      for (let i = 0; i < content.length; i += chunk) yield content.subarray(i, i + chunk);
    };
    await pipeline(Readable.from(parts()), up.stream);
    return up.commit(sha(content));
  }

  it('stores a stream and gives back exactly the same bytes', async () => {
    const content = randomBytes(300 * 1024);
    const { key, created } = await put(content);
    expect(created).toBe(true);
    expect(Buffer.compare(await readAll(await a.storage.open(key)), content)).toBe(0);
  });

  it('streams a file larger than one multipart part (12 MB)', async () => {
    const content = randomBytes(12 * 1024 * 1024);
    const { key } = await put(content, 1024 * 1024);
    expect(sha(await readAll(await a.storage.open(key)))).toBe(sha(content));
  });

  it('never overwrites: a second upload never replaces what the first stored', async () => {
    const first = randomBytes(1000);
    const one = await put(first);
    const two = await put(randomBytes(1000));
    expect(two.key).not.toBe(one.key);
    expect(Buffer.compare(await readAll(await a.storage.open(one.key)), first)).toBe(0);
    const again = await put(first);
    if (a.storage.backend === 'disk') {
      // Content-addressed: identical content is stored once.
      expect(again).toEqual({ key: one.key, created: false });
    } else {
      expect(again.key).not.toBe(one.key);
    }
    expect(Buffer.compare(await readAll(await a.storage.open(one.key)), first)).toBe(0);
  });

  it('leaves nothing behind when an upload is aborted, mid-stream', async () => {
    const before = await a.objects();
    const up = await a.storage.begin();
    up.stream.write(randomBytes(256 * 1024));
    await new Promise((r) => setTimeout(r, 50));
    await up.abort();
    expect(await a.objects()).toEqual(before);
  });

  it('removes an object created by an upload whose record could not be written', async () => {
    const before = await a.objects();
    const { key } = await put(randomBytes(2048));
    expect(await a.objects()).toContain(key);
    await a.storage.discardNew(key);
    expect(await a.objects()).toEqual(before);
  });

  it('fails to open a key that does not exist', async () => {
    await expect(a.storage.open('sha256/00/00/no-existe')).rejects.toBeDefined();
  });
});

describe('the API with the S3 adapter', () => {
  it('uploads through the API into S3 and serves the file back', async () => {
    const server = await startS3();
    const t = await createTestApp({
      STORAGE_BACKEND: 's3',
      S3_ENDPOINT: server.endpoint,
      S3_BUCKET: server.bucket,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
    });
    try {
      const { resp, avanceId } = await avanceForEvidence(t, 'S3');
      const content = pdf('en S3');
      const up = (await resp.upload(`/api/v1/avances/${avanceId}/evidence`, content, 'informe.pdf').expect(201)).body;
      const [row] = (await t.db.query(`SELECT storage_backend, storage_key FROM evidence_files WHERE id = $1`, [up.id])).rows;
      expect(row.storage_backend).toBe('s3');
      expect(row.storage_key).toMatch(/^evidence\//);
      const got = await resp.get(`/api/v1/evidence/${up.id}/content`).expect(200);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(Number(got.headers['content-length'])).toBe(content.length);

      // Larger than one chunk of the request and than one S3 part (5 MB): streamed from the request into S3.
      const big = Buffer.concat([pdf('grande'), randomBytes(12 * 1024 * 1024)]);
      const bigUp = (await resp.upload(`/api/v1/avances/${avanceId}/evidence`, big, 'grande.pdf').expect(201)).body;
      expect(bigUp).toMatchObject({ sizeBytes: big.length, sha256: sha(big) });
      const back = await binary(resp.get(`/api/v1/evidence/${bigUp.id}/content`)).expect(200);
      expect(sha(back.body as Buffer)).toBe(sha(big));
    } finally {
      await t.close();
      await server.stop();
    }
  });
});
