import { Controller, Inject, Req } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { ErrorDetail } from '../../common/errors/domain-error';
import { Route } from '../identity/policy/route.decorator';
import { ArrayProp, BoolProp, EnumProp, TextProp } from '../../common/http/view-properties';
import { QueueService } from '../../queue/queue.service';
import { EVIDENCE_STORAGE, StorageUnavailableError } from '../evidence/storage/evidence-storage';
import type { EvidenceStorage } from '../evidence/storage/evidence-storage';
import { DependencyDownError, HealthErrorCode } from './health.errors';
import { pingDatabase } from './health.repository';
import { RedisProbe } from './redis-probe';
import { carriesAccessToken } from './signed-in';

const CHECK_NAMES = ['database', 'redis', 'daily-scan', 'storage'] as const;

interface Check {
  name: (typeof CHECK_NAMES)[number];
  ok: boolean;
  error?: string;
}

class LiveView {
  @EnumProp(['ok']) status: 'ok';
}

class CheckView implements Check {
  @EnumProp(CHECK_NAMES) name: Check['name'];
  @BoolProp() ok: boolean;
  @TextProp({ optional: true, description: 'Por qué no respondió (solo con sesión).' }) error?: string;
}

class ReadyView {
  @EnumProp(['ok', 'degraded'], {
    description:
      'degraded: la API atiende, pero Redis no responde (los avisos esperan en la bandeja de salida) o el almacenamiento de evidencias no responde (no se cargan ni descargan archivos).',
  })
  status: 'ok' | 'degraded';
  @ArrayProp(() => CheckView) checks: CheckView[];
}

class RedisHealthView {
  @EnumProp(['ok']) status: 'ok';
  @ArrayProp(() => CheckView) checks: CheckView[];
}

class StorageHealthView {
  @EnumProp(['ok']) status: 'ok';
  @ArrayProp(() => CheckView) checks: CheckView[];
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
 * Evidence storage likewise: every replica shares it, so draining them all for
 * it would only take down what still works; /health/storage is its check.
 * Driver errors name internal addresses and ports: they are shown only to a
 * signed-in caller.
 */
@ApiTags('Salud')
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    private readonly redis: RedisProbe,
    private readonly queues: QueueService,
    private readonly jwt: JwtService,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  @Route('get live', 'public', { ok: LiveView })
  @ApiOperation({ operationId: 'getLiveness', summary: 'El proceso responde.' })
  live(): LiveView {
    return { status: 'ok' };
  }

  @Route('get ready', 'public', { ok: ReadyView, errors: [503] })
  @ApiOperation({
    operationId: 'getReadiness',
    summary:
      'La API puede atender: PostgreSQL responde (503 si no). Informa también de Redis y del almacenamiento de evidencias, sin fallar por ellos: sin Redis la API sigue atendiendo y los avisos esperan en la bandeja de salida; sin almacenamiento atiende todo salvo los archivos.',
  })
  async ready(@Req() req: Request): Promise<ReadyView> {
    const [database, redis, storage] = await Promise.all([
      this.probe('database', () => within(1500, pingDatabase(this.ds))),
      this.probe('redis', () => this.redis.ping(1000)),
      this.probe('storage', () => within(1500, this.storage.check())),
    ]);
    if (!database.ok) throw new DependencyDownError(HealthErrorCode.NotReady, await this.failure(req, database));
    const details = await carriesAccessToken(this.jwt, req.headers.authorization);
    return { status: redis.ok && storage.ok ? 'ok' : 'degraded', checks: [database, redis, storage].map((c) => (details ? c : { name: c.name, ok: c.ok })) };
  }

  @Route('get redis', 'public', { ok: RedisHealthView, errors: [503] })
  @ApiOperation({
    operationId: 'getRedisHealth',
    summary: 'Redis (la cola de trabajos) responde y tiene programado el escaneo diario; 503 si no. No afecta la disponibilidad de la API.',
  })
  async redisHealth(@Req() req: Request): Promise<RedisHealthView> {
    const redis = await this.probe('redis', () => this.redis.ping(1000));
    if (!redis.ok) throw new DependencyDownError(HealthErrorCode.RedisUnavailable, await this.failure(req, redis));
    const schedule = await this.probe('daily-scan', async () => {
      if (!(await within(1500, this.queues.dailyScanScheduled()))) throw new Error('sin programar');
    });
    if (!schedule.ok) throw new DependencyDownError(HealthErrorCode.DailyScanNotScheduled, await this.failure(req, schedule));
    return { status: 'ok', checks: [redis, schedule] };
  }

  @Route('get storage', 'public', { ok: StorageHealthView, errors: [503] })
  @ApiOperation({
    operationId: 'getStorageHealth',
    summary: 'El almacenamiento de evidencias (disco o S3) responde y admite escritura; 503 si no. No afecta la disponibilidad del resto de la API.',
  })
  async storageHealth(@Req() req: Request): Promise<StorageHealthView> {
    const storage = await this.probe('storage', () => within(1500, this.storage.check()));
    if (!storage.ok) throw new StorageUnavailableError('check', await this.failure(req, storage));
    return { status: 'ok', checks: [storage] };
  }

  /** The error's details: why the check failed, for a signed-in caller only. */
  private async failure(req: Request, check: Check): Promise<ErrorDetail[]> {
    return (await carriesAccessToken(this.jwt, req.headers.authorization)) ? [{ field: check.name, message: check.error ?? 'sin respuesta' }] : [];
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
