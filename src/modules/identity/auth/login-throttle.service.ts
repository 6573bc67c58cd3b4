import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock';
import { AppConfig } from '../../../config/app-config';
import { LoginThrottledError } from './auth.errors';

/**
 * Failed-login throttling per account and per address, kept in PostgreSQL so
 * every API replica sees the same counters. After N failures within the block
 * window the key is blocked for the window; a success clears the account's
 * counter (not the address's).
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

  async assertAllowed(keys: string[]): Promise<void> {
    const now = this.clock.now();
    const rows: { blocked_until: Date }[] = await this.ds.query(
      `SELECT max(blocked_until) AS blocked_until FROM auth_throttle WHERE key = ANY($1) AND blocked_until > $2`,
      [keys, now],
    );
    const until = rows[0]?.blocked_until;
    if (until) {
      throw new LoginThrottledError(Math.ceil((until.getTime() - now.getTime()) / 1000), until, this.config.get('TIME_ZONE'));
    }
  }

  async recordFailure(email: string, ip: string | undefined): Promise<void> {
    await this.bump(LoginThrottleService.accountKey(email), this.config.get('LOGIN_MAX_FAILURES_PER_ACCOUNT'));
    await this.bump(LoginThrottleService.addressKey(ip), this.config.get('LOGIN_MAX_FAILURES_PER_ADDRESS'));
  }

  async recordSuccess(email: string): Promise<void> {
    await this.ds.query(`DELETE FROM auth_throttle WHERE key = $1`, [LoginThrottleService.accountKey(email)]);
  }

  private async bump(key: string, max: number): Promise<void> {
    const now = this.clock.now();
    const windowMs = this.config.get('LOGIN_BLOCK_MINUTES') * 60_000;
    const windowStart = new Date(now.getTime() - windowMs);
    await this.ds.query(
      `INSERT INTO auth_throttle (key, failures, window_started_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN auth_throttle.window_started_at < $3 THEN 1 ELSE auth_throttle.failures + 1 END,
         window_started_at = CASE WHEN auth_throttle.window_started_at < $3 THEN $2 ELSE auth_throttle.window_started_at END,
         blocked_until = CASE
           WHEN (CASE WHEN auth_throttle.window_started_at < $3 THEN 1 ELSE auth_throttle.failures + 1 END) >= $4
           THEN $5::timestamptz ELSE auth_throttle.blocked_until END`,
      [key, now, windowStart, max, new Date(now.getTime() + windowMs)],
    );
  }
}
