import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';

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
    private readonly ds: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** A slot for the user, or undefined when UPLOAD_MAX_CONCURRENT_PER_USER are taken (across every replica). */
  async tryAcquire(userId: string): Promise<UploadSlot | undefined> {
    const id = await this.ds.transaction(async (em) => {
      // The user's uploads take their turn here: two replicas cannot both see a free slot and both take it.
      await em.query(`SELECT pg_advisory_xact_lock(hashtextextended('upload_slots:' || $1, 0))`, [userId]);
      await em.query(`DELETE FROM upload_slots WHERE user_id = $1 AND expires_at < now()`, [userId]);
      const [slot] = await em.query(
        `INSERT INTO upload_slots (user_id, expires_at)
         SELECT $1, now() + make_interval(secs => $3) WHERE (SELECT count(*) FROM upload_slots WHERE user_id = $1) < $2
         RETURNING id`,
        [userId, this.config.get('UPLOAD_MAX_CONCURRENT_PER_USER'), LEASE_SECONDS],
      );
      return slot?.id as string | undefined;
    });
    if (!id) return undefined;
    const renew = setInterval(() => {
      this.ds.query(`UPDATE upload_slots SET expires_at = now() + make_interval(secs => $2) WHERE id = $1`, [id, LEASE_SECONDS]).catch(() => undefined);
    }, RENEW_EVERY_MS).unref();
    let released: Promise<void> | undefined;
    return {
      release: () => {
        clearInterval(renew);
        // If PostgreSQL is away right now, the lease runs out by itself.
        released ??= this.ds.query(`DELETE FROM upload_slots WHERE id = $1`, [id]).then(
          () => undefined,
          () => undefined,
        );
        return released;
      },
    };
  }
}
