import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { BenchContext, makeDrafts, Measurement, mintToken } from '../context';
import { one } from '../database';
import { cpuMs, fmt, forkNode, freePort, measure, percentile, Result, rssMb, say, stop } from '../util';

/*
 * B7: a 500 MB evidence upload, POST /api/v1/avances/:id/evidence, against the
 * least a Node server does with the same request (upload-baseline-server.ts),
 * both storing on the same filesystem. The two sides alternate, a few uploads
 * each, so that the machine's other load falls on both alike.
 */

interface B7Setup {
  /** Where the 500 MB file is generated (and kept between runs). */
  cacheDir: string;
  /** The API's STORAGE_DIR; the baseline writes there too. */
  storageDir: string;
  api: { pid: number; port: number };
  /** A draft avance in the open cut and an access token of its responsable ("Bearer …"). */
  avanceId: string;
  authorization: string;
  owner: Client;
  env: NodeJS.ProcessEnv;
  /** Uploads on each side. */
  uploads: number;
}

const BYTES = 500 * 1024 * 1024;
const MB = 1024 * 1024;
const BOUNDARY = 'limite-bench';

/** A PDF (by its first bytes, as the API checks) of 500 MB of random content, made once. */
function evidenceFile(cacheDir: string): string {
  const file = join(cacheDir, 'evidencia-500mb.pdf');
  if (existsSync(file) && statSync(file).size === BYTES + 4) return file;
  mkdirSync(cacheDir, { recursive: true });
  const fd = openSync(file, 'w');
  writeSync(fd, Buffer.from('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj<</Type/Catalog>>endobj\n'));
  const chunk = randomBytes(8 * MB);
  let written = statSync(file).size;
  while (written < BYTES) written += writeSync(fd, chunk, 0, Math.min(chunk.length, BYTES - written));
  writeSync(fd, Buffer.from('%EOF'));
  closeSync(fd);
  return file;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file, { highWaterMark: MB }), hash);
  return hash.digest('hex');
}

/** Sends `file` (its first `length` bytes) as the API's upload form does: one part, field "file". */
function upload(port: number, path: string, file: string, length: number, authorization?: string): Promise<{ status: number; body: string }> {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="evidencia.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        headers: {
          ...(authorization ? { authorization } : {}),
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'content-length': String(head.length + length + tail.length),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    req.write(head);
    const rs = createReadStream(file, { highWaterMark: MB, end: length - 1 });
    rs.on('end', () => req.end(tail));
    rs.on('error', reject);
    rs.pipe(req, { end: false });
  });
}

interface Side {
  ms: number[];
  cpuMs: number[];
  shaOk: number;
}

function summary(s: Side, bytes: number) {
  const p50 = percentile(s.ms, 50);
  return { p50Ms: p50, p99Ms: percentile(s.ms, 99), mbPerSecond: bytes / MB / (p50 / 1000), cpuP50Ms: percentile(s.cpuMs, 50), ms: s.ms, cpuMs: s.cpuMs };
}

async function runB7(o: B7Setup): Promise<Result> {
  const file = evidenceFile(o.cacheDir);
  const bytes = statSync(file).size;
  const sha = await sha256Of(file);
  const storedPath = (hash: string) => join(o.storageDir, 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash);
  mkdirSync(o.storageDir, { recursive: true });

  const bport = await freePort();
  const baseline = forkNode(join(__dirname, '..', 'upload-baseline-server.js'), { ...o.env, PORT: String(bport), STORAGE_DIR: o.storageDir });
  try {
    await new Promise<void>((r) => baseline.once('message', () => r()));
    const evidencePath = `/api/v1/avances/${o.avanceId}/evidence`;

    /** One upload to the API; its record and stored file are removed afterwards, so every upload stores anew. */
    const ours = async (length: number, checkStoredBytes: boolean) => {
      const cpuBefore = cpuMs(o.api.pid);
      const m = await measure(o.api.pid, () => upload(o.api.port, evidencePath, file, length, o.authorization));
      const cpu = cpuMs(o.api.pid) - cpuBefore;
      if (m.result.status !== 201) throw new Error(`B7: la API respondió ${m.result.status} ${m.result.body}`);
      const { id } = JSON.parse(m.result.body) as { id: string };
      const row = await one<{ sha256: string; size_bytes: string }>(o.owner, `SELECT sha256, size_bytes FROM evidence_files WHERE id = $1`, [id]);
      const stored = storedPath(row.sha256);
      const ok = Number(row.size_bytes) === length && (length !== bytes || row.sha256 === sha) && (!checkStoredBytes || (await sha256Of(stored)) === sha);
      await o.owner.query(`DELETE FROM evidence_files WHERE id = $1`, [id]);
      rmSync(stored, { force: true });
      return { ...m, cpu, ok };
    };
    const theirs = async (length: number, checkStoredBytes: boolean) => {
      const cpuBefore = cpuMs(baseline.pid!);
      const m = await measure(baseline.pid!, () => upload(bport, '/upload', file, length));
      const cpu = cpuMs(baseline.pid!) - cpuBefore;
      if (m.result.status !== 201) throw new Error(`B7: la línea base respondió ${m.result.status} ${m.result.body}`);
      const answer = JSON.parse(m.result.body) as { sha256: string; size: number; path: string };
      const ok = answer.size === length && (length !== bytes || answer.sha256 === sha) && (!checkStoredBytes || (await sha256Of(answer.path)) === sha);
      rmSync(answer.path, { force: true });
      return { ...m, cpu, ok };
    };

    // Warm-up (JIT, the API's lazily loaded type detector): 8 MB on each side, not measured.
    await theirs(8 * MB, false);
    await ours(8 * MB, false);
    const we: Side = { ms: [], cpuMs: [], shaOk: 0 };
    const they: Side = { ms: [], cpuMs: [], shaOk: 0 };
    const ratios: number[] = [];
    const rssBefore = rssMb(o.api.pid);
    let rssPeak = rssBefore;
    for (let i = 0; i < o.uploads; i++) {
      // Alternate which side goes first, so neither always follows the other's disk writes.
      const run = async (side: 'ours' | 'theirs') => {
        const r = side === 'ours' ? await ours(bytes, i === 0) : await theirs(bytes, i === 0);
        const s = side === 'ours' ? we : they;
        s.ms.push(r.ms);
        s.cpuMs.push(r.cpu);
        if (r.ok) s.shaOk++;
        if (side === 'ours') rssPeak = Math.max(rssPeak, r.rssPeak);
      };
      for (const side of i % 2 === 0 ? (['theirs', 'ours'] as const) : (['ours', 'theirs'] as const)) await run(side);
      ratios.push(they.ms[i] / we.ms[i]);
    }
    const a = summary(we, bytes);
    const b = summary(they, bytes);
    const ratio = a.mbPerSecond / b.mbPerSecond;
    const growth = rssPeak - rssBefore;
    const allOk = we.shaOk === o.uploads && they.shaOk === o.uploads;
    return {
      id: 'B7',
      what: `Subir una evidencia de 500 MB (${o.uploads} veces por lado, alternando)`,
      measured:
        `p50 ${fmt(a.p50Ms)} ms (${fmt(a.mbPerSecond)} MB/s), p99 ${fmt(a.p99Ms)} ms; CPU p50 ${fmt(a.cpuP50Ms)} ms; ` +
        `RSS +${fmt(growth)} MB; SHA-256 ${we.shaOk === o.uploads ? 'correcto' : 'DISTINTO'} (${we.shaOk}/${o.uploads})`,
      baseline: `p50 ${fmt(b.p50Ms)} ms (${fmt(b.mbPerSecond)} MB/s), p99 ${fmt(b.p99Ms)} ms; CPU p50 ${fmt(b.cpuP50Ms)} ms (node:http + busboy + SHA-256 al mismo disco)`,
      ratio,
      p99Ratio: a.p99Ms / b.p99Ms,
      target: '≥ 0.7× ; RSS +≤ 64 MB ; SHA-256 correcto',
      pass: ratio >= 0.7 && growth <= 64 && allOk,
      detail: {
        bytes,
        uploads: o.uploads,
        ours: { ...a, rssBefore, rssPeak, rssGrowth: growth, sha256Correct: we.shaOk },
        baseline: { ...b, sha256Correct: they.shaOk },
        throughputRatio: ratio,
        p99Ratio: a.p99Ms / b.p99Ms,
        ratioPerRound: ratios,
      },
    };
  } finally {
    await stop(baseline);
  }
}

export const b7Upload: Measurement = {
  id: 'B7',
  async run(ctx: BenchContext) {
    say(`B7: subir un archivo de evidencia de 500 MB, ${ctx.uploads} veces en la API y ${ctx.uploads} en la línea base …`);
    const open = await one<{ id: string }>(ctx.owner, `SELECT id FROM cortes WHERE status = 'abierto'`);
    const [draft] = await makeDrafts(ctx.owner, open.id, 1);
    if (!draft) throw new Error('B7 necesita una acción sin avance en curso en el corte abierto.');
    return runB7({
      cacheDir: ctx.cacheDir,
      storageDir: ctx.env.STORAGE_DIR!,
      api: ctx.api,
      avanceId: draft.id,
      authorization: mintToken(ctx.env.JWT_SECRET!, draft),
      owner: ctx.owner,
      env: ctx.env,
      uploads: ctx.uploads,
    });
  },
};
