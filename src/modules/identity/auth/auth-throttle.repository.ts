import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, execute, select } from '../../../database/sql';

/** The failed-login counter of one key (an account or an address). */
export interface ThrottleRow {
  key: string;
  failures: number;
  windowStartedAt: Date;
  blockedUntil: Date | null;
}

/** Failed-login counters, shared by every API replica (auth_throttle). */
@Injectable()
export class AuthThrottleRepository {
  constructor(private readonly ds: DataSource) {}

  /** Creates the missing counters (at zero, their window starting `now`) and locks all of them, in key order. */
  async lockCounters(db: Db, keys: string[], now: Date): Promise<ThrottleRow[]> {
    await execute(db, `INSERT INTO auth_throttle (key, failures, window_started_at) SELECT k, 0, $2 FROM unnest($1::text[]) k ON CONFLICT (key) DO NOTHING`, [
      keys,
      now,
    ]);
    return select<ThrottleRow>(
      db,
      `SELECT key, failures, window_started_at AS "windowStartedAt", blocked_until AS "blockedUntil"
         FROM auth_throttle WHERE key = ANY($1) ORDER BY key FOR UPDATE`,
      [keys],
    );
  }

  async save(db: Db, row: ThrottleRow): Promise<void> {
    await execute(db, `UPDATE auth_throttle SET failures = $2, window_started_at = $3, blocked_until = $4 WHERE key = $1`, [
      row.key,
      row.failures,
      row.windowStartedAt,
      row.blockedUntil,
    ]);
  }

  async clear(key: string): Promise<void> {
    await execute(this.ds, `DELETE FROM auth_throttle WHERE key = $1`, [key]);
  }

  /** Gives one attempt back to `key`, lifting its block when it falls below `limit`. */
  async giveBack(key: string, limit: number): Promise<void> {
    await execute(
      this.ds,
      `UPDATE auth_throttle SET failures = greatest(failures - 1, 0), blocked_until = CASE WHEN failures - 1 >= $2 THEN blocked_until END WHERE key = $1`,
      [key, limit],
    );
  }
}
