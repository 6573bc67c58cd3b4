import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';

/** Uploads in progress per user in this process: a runaway client cannot tie up the server. */
@Injectable()
export class UploadLimiter {
  private readonly active = new Map<string, number>();

  constructor(private readonly config: AppConfig) {}

  tryAcquire(userId: string): boolean {
    const n = this.active.get(userId) ?? 0;
    if (n >= this.config.get('UPLOAD_MAX_CONCURRENT_PER_USER')) return false;
    this.active.set(userId, n + 1);
    return true;
  }

  release(userId: string): void {
    const n = (this.active.get(userId) ?? 1) - 1;
    if (n <= 0) this.active.delete(userId);
    else this.active.set(userId, n);
  }
}
