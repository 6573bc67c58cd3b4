import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { EvidenceStorage, StorageUpload } from './evidence-storage';

export interface S3Options {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/**
 * Any S3-compatible object store (AWS SDK v3). Each upload gets a new key
 * (evidence/<uuid>), streamed in parts, so nothing is ever overwritten; an
 * aborted upload leaves no object (its multipart upload is aborted).
 */
export class S3Storage implements EvidenceStorage {
  readonly backend = 's3' as const;
  readonly client: S3Client;

  constructor(private readonly o: S3Options) {
    this.client = new S3Client({
      region: o.region,
      endpoint: o.endpoint,
      forcePathStyle: o.forcePathStyle,
      credentials: o.accessKeyId && o.secretAccessKey ? { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } : undefined,
    });
  }

  begin(): Promise<StorageUpload> {
    const key = `evidence/${randomUUID()}`;
    const body = new PassThrough();
    const upload = new Upload({ client: this.client, params: { Bucket: this.o.bucket, Key: key, Body: body }, queueSize: 2, partSize: 5 * 1024 * 1024 });
    const done = upload.done();
    // The store failing (unreachable, refusing) fails the stream the bytes are piped into, with its reason.
    done.catch((err: unknown) => body.destroy(err instanceof Error ? err : new Error(String(err))));
    return Promise.resolve({
      stream: body,
      commit: async () => {
        body.end();
        await done;
        return { key, created: true };
      },
      abort: async () => {
        body.destroy();
        await upload.abort().catch(() => undefined);
        await done.catch(() => undefined);
      },
    });
  }

  async open(key: string): Promise<Readable> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.o.bucket, Key: key }));
    return res.Body as Readable;
  }

  async discardNew(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.o.bucket, Key: key })).catch(() => undefined);
  }

  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.o.bucket }));
  }
}
