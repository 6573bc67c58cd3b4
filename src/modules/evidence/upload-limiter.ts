import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { UploadSlotsRepository } from './upload-slots.repository';

/** How long a slot lasts without being renewed: the bound on a dead process's slot. */
const LEASE_SECONDS = 120;
/** How often a running upload renews its slot. */
const RENEW_EVERY_MS = 30_000;

/** A slot taken for one upload; `release` gives it back (once; later calls do nothing). */
export interface UploadSlot {
  release(): Promise<void>;
}

/**
 * Uploads in progress per user, counted in PostgreSQL so that every API
 * replica enforces one limit (docs/decisions/0030-limits-shared-between-replicas.md):
 * a runaway client cannot tie up the servers by spreading its uploads over
 * them. A slot is a lease renewed while its upload runs, so a process that
 * dies mid-upload frees its slots within LEASE_SECONDS.
 */
@Injectable()
export class UploadLimiter {
  constructor(
    private readonly slots: UploadSlotsRepository,
    private readonly config: AppConfig,
  ) {}

  /** A slot for the user, or undefined when UPLOAD_MAX_CONCURRENT_PER_USER are taken (across every replica). */
  async tryAcquire(userId: string): Promise<UploadSlot | undefined> {
    const id = await this.slots.take(userId, this.config.get('UPLOAD_MAX_CONCURRENT_PER_USER'), LEASE_SECONDS);
    if (!id) return undefined;
    const renew = setInterval(() => {
      this.slots.renew(id, LEASE_SECONDS).catch(() => undefined);
    }, RENEW_EVERY_MS).unref();
    let released: Promise<void> | undefined;
    return {
      release: () => {
        clearInterval(renew);
        // If PostgreSQL is away right now, the lease runs out by itself.
        released ??= this.slots.release(id).then(
          () => undefined,
          () => undefined,
        );
        return released;
      },
    };
  }
}
