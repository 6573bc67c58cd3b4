import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock';
import { AppConfig } from '../../../config/app-config';
import { LoginThrottledError } from './auth.errors';

/**
 * Failed-login throttling per account and per address, kept in PostgreSQL so
 * every API replica sees the same counters. An attempt is counted before the
 * password is verified, under a row lock, so that concurrent guesses cannot
 * all be verified before any is counted: after N attempts within the block
 * window the key is blocked for the window, and further attempts are refused
 * without verifying. A success gives its attempt back: it clears the
 * account's counter and returns one to the address's.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  static accountKey(email: string): string {
    return `cuenta:${email.toLowerCase()}`;
  }

  static addressKey(ip: string | undefined): string {
    return `ip:${ip ?? 'desconocida'}`;
  }

  private limits(email: string, ip: string | undefined): Map<string, number> {
    return new Map([
      [LoginThrottleService.accountKey(email), this.config.get('LOGIN_MAX_FAILURES_PER_ACCOUNT')],
      [LoginThrottleService.addressKey(ip), this.config.get('LOGIN_MAX_FAILURES_PER_ADDRESS')],
    ]);
  }

  /** Counts one attempt for the account and the address, or throws LoginThrottledError (nothing counted) if either is blocked. */
  async reserve(email: string, ip: string | undefined): Promise<void> {
    const limits = this.limits(email, ip);
    const keys = [...limits.keys()].sort();
    const now = this.clock.now();
    const windowMs = this.config.get('LOGIN_BLOCK_MINUTES') * 60_000;
    const windowStart = new Date(now.getTime() - windowMs);
    const until = new Date(now.getTime() + windowMs);
    const blocked = await this.ds.transaction(async (em) => {
      await em.query(`INSERT INTO auth_throttle (key, failures, window_started_at) SELECT k, 0, $2 FROM unnest($1::text[]) k ON CONFLICT (key) DO NOTHING`, [keys, now]);
      // Locked in key order: attempts on the same account or address take their turn here.
      const rows: { key: string; failures: number; window_started_at: Date; blocked_until: Date | null }[] = await em.query(
        `SELECT key, failures, window_started_at, blocked_until FROM auth_throttle WHERE key = ANY($1) ORDER BY key FOR UPDATE`,
        [keys],
      );
      const blockedUntil = rows.map((r) => r.blocked_until).filter((b): b is Date => b !== null && b > now);
      if (blockedUntil.length) return new Date(Math.max(...blockedUntil.map((b) => b.getTime())));
      for (const r of rows) {
        const restart = r.window_started_at < windowStart;
        const failures = (restart ? 0 : r.failures) + 1;
        await em.query(`UPDATE auth_throttle SET failures = $2, window_started_at = $3, blocked_until = $4 WHERE key = $1`, [
          r.key,
          failures,
          restart ? now : r.window_started_at,
          failures >= limits.get(r.key)! ? until : null,
        ]);
      }
      return undefined;
    });
    if (blocked) {
      throw new LoginThrottledError(Math.ceil((blocked.getTime() - now.getTime()) / 1000), blocked, this.config.get('TIME_ZONE'));
    }
  }

  /** The reserved attempt was the right password: the account starts over, the address gets its attempt back. */
  async succeeded(email: string, ip: string | undefined): Promise<void> {
    const address = LoginThrottleService.addressKey(ip);
    await this.ds.query(`DELETE FROM auth_throttle WHERE key = $1`, [LoginThrottleService.accountKey(email)]);
    await this.ds.query(
      `UPDATE auth_throttle SET failures = greatest(failures - 1, 0), blocked_until = CASE WHEN failures - 1 >= $2 THEN blocked_until END WHERE key = $1`,
      [address, this.config.get('LOGIN_MAX_FAILURES_PER_ADDRESS')],
    );
  }
}
