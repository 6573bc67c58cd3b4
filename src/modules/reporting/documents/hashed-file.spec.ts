import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { writeChunk } from './csv.writer';
import { writeHashedFile } from './hashed-file';

const tempPath = () => join(tmpdir(), `hashed-file-${randomUUID()}.csv`);
const lines = (n: number) => Array.from({ length: n }, (_, i) => `renglón ${i},"con coma, y comillas ""así"""\r\n`);

/** A body as the document writers are: many chunks, each waiting for the file to drain. */
const writeLines = (n: number) => async (out: Writable) => {
  for (const line of lines(n)) await writeChunk(out, line);
};

/** A file that takes `okWrites` writes and then fails as a full disk does (it exists on disk meanwhile). */
function failingFile(okWrites: number) {
  return (path: string) => {
    writeFileSync(path, '');
    let writes = 0;
    return new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, done) {
        writes += 1;
        setImmediate(() => done(writes > okWrites ? Object.assign(new Error('ENOSPC: no queda espacio en el disco'), { code: 'ENOSPC' }) : null));
      },
    });
  };
}

describe('writeHashedFile', () => {
  it('writes what the body writes and gives the SHA-256 of exactly those bytes', async () => {
    const path = tempPath();
    const sha = await writeHashedFile(path, writeLines(5000));
    const bytes = readFileSync(path);
    expect(bytes.toString('utf8')).toBe(lines(5000).join(''));
    expect(sha).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('rejects with the file’s error when the file fails while the body writes, and leaves no file', async () => {
    const path = tempPath();
    let bodyEnded = false;
    await expect(
      writeHashedFile(
        path,
        async (out) => {
          await writeLines(5000)(out);
          bodyEnded = true;
        },
        failingFile(3),
      ),
    ).rejects.toThrow('ENOSPC');
    expect(bodyEnded).toBe(false);
    expect(existsSync(path)).toBe(false);
  });

  it('rejects with the body’s error when the body fails, and leaves no file', async () => {
    const path = tempPath();
    await expect(
      writeHashedFile(path, async (out) => {
        await writeLines(100)(out);
        throw new Error('la base de datos se fue');
      }),
    ).rejects.toThrow('la base de datos se fue');
    expect(existsSync(path)).toBe(false);
  });

  it('ends the file when the body returns without ending it', async () => {
    const path = tempPath();
    await writeHashedFile(path, writeLines(3));
    expect(readFileSync(path, 'utf8')).toBe(lines(3).join(''));
  });
});
