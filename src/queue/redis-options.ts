import type { RedisOptions } from 'ioredis';

/** ioredis options from a redis:// or rediss:// URL (BullMQ takes options, not URLs). */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isInteger(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * How long closing a connection waits for its socket to close before destroying it. ioredis' default (2 s) also
 * runs when the socket never opened (Redis unreachable), and holds the process that long after everything closed.
 */
export const REDIS_DISCONNECT_TIMEOUT_MS = 200;

/** The longest wait between two reconnection attempts. */
export const REDIS_RECONNECT_MAX_MS = 2000;

/**
 * Reconnection every 0.2 s, 0.4 s, … up to 2 s. BullMQ's default backs off up
 * to 20 s, which after a long outage would delay by as much the moment work
 * held in PostgreSQL is handed to a Redis that came back.
 */
export function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 200, REDIS_RECONNECT_MAX_MS);
}
