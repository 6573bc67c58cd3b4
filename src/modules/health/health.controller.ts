import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { QueueService } from '../../queue/queue.service';
import { Public } from '../identity/policy/permission.decorator';
import { RedisProbe } from './redis-probe';

interface Check {
  name: 'database' | 'redis' | 'daily-scan';
  ok: boolean;
  error?: string;
}

async function within(ms: number, p: Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`sin respuesta en ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readiness says whether this API can serve: it needs PostgreSQL. Redis only
 * carries follow-up work, which waits in the outbox while Redis is away, so a
 * Redis outage must not make a load balancer drain a working API: readiness
 * reports Redis without failing on it, and /health/redis is the check to alert on.
 */
@ApiTags('Salud')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    private readonly redis: RedisProbe,
    private readonly queues: QueueService,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'El proceso responde.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'La API puede atender: PostgreSQL responde (503 si no). Informa también de Redis, sin fallar por él: sin Redis la API sigue atendiendo y los avisos esperan en la bandeja de salida.',
  })
  async ready(): Promise<{ status: 'ok' | 'degraded'; checks: Check[] }> {
    const [database, redis] = await Promise.all([
      this.probe('database', () => within(1500, this.ds.query('SELECT 1'))),
      this.probe('redis', () => this.redis.ping(1000)),
    ]);
    if (!database.ok) {
      throw new DomainError('NOT_READY', 'El servicio no está listo: no responde PostgreSQL.', 'unavailable', [{ field: 'database', message: database.error ?? 'sin respuesta' }]);
    }
    return { status: redis.ok ? 'ok' : 'degraded', checks: [database, redis] };
  }

  @Get('redis')
  @ApiOperation({
    summary: 'Redis (la cola de trabajos) responde y tiene programado el escaneo diario; 503 si no. No afecta la disponibilidad de la API.',
  })
  async redisHealth(): Promise<{ status: 'ok'; checks: Check[] }> {
    const redis = await this.probe('redis', () => this.redis.ping(1000));
    if (!redis.ok) {
      throw new DomainError(
        'REDIS_UNAVAILABLE',
        'Redis no responde: los avisos y recordatorios esperan en la base de datos y se entregarán cuando vuelva. Revisa el servidor de Redis.',
        'unavailable',
        [{ field: 'redis', message: redis.error ?? 'sin respuesta' }],
      );
    }
    const schedule = await this.probe('daily-scan', async () => {
      if (!(await within(1500, this.queues.dailyScanScheduled()))) throw new Error('sin programar');
    });
    if (!schedule.ok) {
      throw new DomainError(
        'DAILY_SCAN_NOT_SCHEDULED',
        'Redis responde pero no tiene programado el escaneo diario (¿perdió sus datos?): el worker lo programa de nuevo en segundos; si esto persiste, revisa que el worker esté en marcha.',
        'unavailable',
        [{ field: 'daily-scan', message: schedule.error ?? 'sin respuesta' }],
      );
    }
    return { status: 'ok', checks: [redis, schedule] };
  }

  private async probe(name: Check['name'], fn: () => Promise<unknown>): Promise<Check> {
    try {
      await fn();
      return { name, ok: true };
    } catch (err) {
      return { name, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }
}
