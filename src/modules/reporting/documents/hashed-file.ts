import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { streamedBuffers } from '../../../common/memory';

/**
 * Writes what `body` writes into `out` to a new file at `path`, and gives the SHA-256 of those bytes, hashed on
 * the way. A failure on either side ends both and leaves no file: when the file fails (a full disk), `out` is
 * destroyed with its error, so the body's next write or wait for 'drain' rejects instead of waiting for ever;
 * when the body fails, the file is closed and removed. `out` is ended once the body returns, if it did not end it.
 */
export async function writeHashedFile(
  path: string,
  body: (out: PassThrough) => Promise<void>,
  open: (path: string) => Writable = (p) => createWriteStream(p, { highWaterMark: 1024 * 1024 }),
): Promise<string> {
  const out = new PassThrough();
  const hash = createHash('sha256');
  out.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    streamedBuffers(chunk.length);
  });
  const written = pipeline(out, open(path));
  // Awaited below; until then this only keeps an early failure of the file from going unhandled.
  written.catch(() => undefined);
  try {
    await body(out);
    if (!out.writableEnded) out.end();
    await written;
  } catch (err) {
    out.destroy();
    await written.catch(() => undefined);
    await rm(path, { force: true });
    throw err;
  }
  return hash.digest('hex');
}
