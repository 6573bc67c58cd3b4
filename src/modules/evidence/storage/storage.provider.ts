import { resolve } from 'node:path';
import { Provider } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config';
import { DiskStorage } from './disk.storage';
import { EVIDENCE_STORAGE, EvidenceStorage } from './evidence-storage';
import type { S3Storage } from './s3.storage';

export function createStorage(config: AppConfig): EvidenceStorage {
  if (config.get('STORAGE_BACKEND') === 's3') {
    // Loaded only when configured: the AWS SDK is a large share of a process's memory.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { S3Storage: S3 } = require('./s3.storage') as { S3Storage: typeof S3Storage };
    return new S3({
      bucket: config.get('S3_BUCKET')!,
      region: config.get('S3_REGION'),
      endpoint: config.get('S3_ENDPOINT'),
      accessKeyId: config.get('S3_ACCESS_KEY_ID'),
      secretAccessKey: config.get('S3_SECRET_ACCESS_KEY'),
      forcePathStyle: config.get('S3_FORCE_PATH_STYLE'),
    });
  }
  return new DiskStorage(resolve(config.get('STORAGE_DIR')));
}

export const storageProvider: Provider = { provide: EVIDENCE_STORAGE, inject: [AppConfig], useFactory: createStorage };
