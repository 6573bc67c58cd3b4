import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// s3rver ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (o: Record<string, unknown>) => { run(): Promise<{ port: number }>; close(): Promise<void> };

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** Stops serving, keeping its objects (the store is down). */
  halt(): Promise<void>;
  /** Serves again on the same port, with the objects it had. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** A real S3 server (s3rver) on a free local port, with one bucket. */
export async function startS3(bucket = 'evidencia'): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), 'asm-s3-'));
  const serve = (port: number) => new S3rver({ port, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
  let server: InstanceType<typeof S3rver> | undefined = serve(0);
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    async halt() {
      await server?.close();
      server = undefined;
    },
    async resume() {
      server = serve(port);
      await server.run();
    },
    async stop() {
      await server?.close();
      server = undefined;
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export const S3_TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
