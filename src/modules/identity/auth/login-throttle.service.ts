import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock';
import { AppConfig } from '../../../config/app-config';
import { AuthThrottleRepository } from './auth-throttle.repository';
import { LoginThrottledError } from '../identity.errors';

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
    private readonly counters: AuthThrottleRepository,
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
      // Locked in key order: attempts on the same account or address take their turn here.
      const rows = await this.counters.lockCounters(em, keys, now);
      const blockedUntil = rows.map((r) => r.blockedUntil).filter((b): b is Date => b !== null && b > now);
      if (blockedUntil.length) return new Date(Math.max(...blockedUntil.map((b) => b.getTime())));
      for (const r of rows) {
        const restart = r.windowStartedAt < windowStart;
        const failures = (restart ? 0 : r.failures) + 1;
        await this.counters.save(em, {
          key: r.key,
          failures,
          windowStartedAt: restart ? now : r.windowStartedAt,
          blockedUntil: failures >= (limits.get(r.key) ?? 0) ? until : null,
        });
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
    await this.counters.clear(LoginThrottleService.accountKey(email));
    await this.counters.giveBack(address, this.config.get('LOGIN_MAX_FAILURES_PER_ADDRESS'));
  }
}
