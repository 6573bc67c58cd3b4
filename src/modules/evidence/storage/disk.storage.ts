import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, constants, link, mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { EvidenceStorage, StorageUpload } from './evidence-storage';

/**
 * What the file stream gathers while a write is in progress and then writes at
 * once (writev): with the 64 KB default, a 500 MB upload made ~8,000 writes,
 * each a hand-off to libuv's thread pool (docs/decisions/0025-upload-throughput.md).
 */
const WRITE_BATCH_BYTES = 1024 * 1024;

/**
 * Local disk, content-addressed: sha256/ab/cd/<hash>. Uploads are written to
 * tmp/ and hard-linked into place, so an existing object is never replaced and
 * identical files are stored once.
 */
export class DiskStorage implements EvidenceStorage {
  readonly backend = 'disk' as const;

  constructor(private readonly root: string) {}

  tmpDir(): string {
    return join(this.root, 'tmp');
  }

  async begin(): Promise<StorageUpload> {
    await mkdir(this.tmpDir(), { recursive: true });
    const tmp = join(this.tmpDir(), `${randomUUID()}.part`);
    const stream = createWriteStream(tmp, { flags: 'wx', highWaterMark: WRITE_BATCH_BYTES });
    const done = finished(stream).catch(() => undefined);
    const remove = async () => {
      stream.destroy();
      await done;
      await unlink(tmp).catch(() => undefined);
    };
    return {
      stream,
      commit: async (sha256: string) => {
        await finished(stream);
        const key = `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
        await mkdir(join(this.root, key, '..'), { recursive: true });
        let created = true;
        try {
          await link(tmp, join(this.root, key));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
            await remove();
            throw err;
          }
          created = false;
        }
        await unlink(tmp).catch(() => undefined);
        return { key, created };
      },
      abort: remove,
    };
  }

  async open(key: string): Promise<Readable> {
    const stream = createReadStream(join(this.root, key));
    await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));
    return stream;
  }

  async discardNew(key: string): Promise<void> {
    await unlink(join(this.root, key)).catch(() => undefined);
  }

  async check(): Promise<void> {
    await mkdir(this.tmpDir(), { recursive: true });
    await access(this.tmpDir(), constants.R_OK | constants.W_OK);
  }
}
