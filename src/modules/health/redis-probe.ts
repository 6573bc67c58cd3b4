import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { REDIS_DISCONNECT_TIMEOUT_MS, redisOptionsFromUrl } from '../../queue/redis-options';

/**
 * A dedicated Redis connection for readiness: it fails fast instead of queueing
 * commands while Redis is away, and reconnects by itself when Redis returns.
 */
@Injectable()
export class RedisProbe implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(config: AppConfig) {
    this.client = new Redis({
      ...redisOptionsFromUrl(config.get('REDIS_URL')),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      retryStrategy: () => 1000,
      disconnectTimeout: REDIS_DISCONNECT_TIMEOUT_MS,
    });
    this.client.on('error', () => undefined);
  }

  async ping(timeoutMs = 1000): Promise<void> {
    if (this.client.status === 'wait') await this.client.connect().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('Redis no respondió a tiempo')), timeoutMs);
      });
      await Promise.race([this.client.ping(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
