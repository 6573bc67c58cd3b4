import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';

/*
 * The baseline of B7: the least a Node server does to take an upload of the
 * same multipart request as POST /api/v1/avances/:id/evidence (one part, field
 * "file"): parse it with busboy (the parser the API uses), hash the file's
 * bytes with SHA-256 and write them to a new file in STORAGE_DIR (the same
 * filesystem the API stores evidence on, in writes of the same size), then
 * answer with the hash, the size and where the file is. No framework,
 * authentication, type check, limit, database or temporary-file-then-link
 * step; the bench deletes the file.
 *   POST /upload
 */
const dir = process.env.STORAGE_DIR!;
/** Written in batches of up to 1 MB, as the API's disk storage does (Node's default is 64 KB). */
const WRITE_BATCH_BYTES = 1024 * 1024;

const server = createServer((req, res) => {
  const fail = (err: unknown) => {
    if (!res.headersSent) res.writeHead(500).end(String(err));
  };
  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: req.headers });
  } catch (err) {
    fail(err);
    return;
  }
  bb.on('file', (_field, file) => {
    const hash = createHash('sha256');
    const path = join(dir, `linea-base-${randomUUID()}`);
    let size = 0;
    file.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
    });
    pipeline(file, createWriteStream(path, { highWaterMark: WRITE_BATCH_BYTES })).then(() => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ sha256: hash.digest('hex'), size, path }));
    }, fail);
  });
  bb.on('error', fail);
  req.pipe(bb);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
