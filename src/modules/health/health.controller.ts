import { Controller, Get, Req } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { ArrayProp, BoolProp, EnumProp, TextProp } from '../../common/http/view-properties';
import { Public } from '../identity/policy/permission.decorator';
import { RedisProbe } from './redis-probe';
import { carriesAccessToken } from './signed-in';

interface Check {
  name: 'database' | 'redis';
  ok: boolean;
  error?: string;
}

class LiveView {
  @EnumProp(['ok']) status: 'ok';
}

class CheckView implements Check {
  @EnumProp(['database', 'redis']) name: Check['name'];
  @BoolProp() ok: boolean;
  @TextProp({ optional: true, description: 'Por qué no respondió.' }) error?: string;
}

class ReadyView {
  @EnumProp(['ok']) status: 'ok';
  @ArrayProp(() => CheckView) checks: CheckView[];
}

async function within(ms: number, p: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([p, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`sin respuesta en ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('Salud')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly ds: DataSource,
    private readonly redis: RedisProbe,
    private readonly jwt: JwtService,
  ) {}

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'El proceso responde.' })
  @ApiOkResponse({ type: LiveView })
  live(): LiveView {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ operationId: 'getReadiness', summary: 'PostgreSQL y Redis responden; 503 si alguno no (el detalle del error, solo con sesión).' })
  @ApiOkResponse({ type: ReadyView })
  @ApiErrors(503)
  async ready(@Req() req: Request): Promise<ReadyView> {
    const checks = await Promise.all([
      this.probe('database', () => within(1500, this.ds.query('SELECT 1'))),
      this.probe('redis', () => this.redis.ping(1000)),
    ]);
    const down = checks.filter((c) => !c.ok);
    if (down.length) {
      throw new DomainError(
        'NOT_READY',
        `El servicio no está listo: no responde ${down.map((c) => (c.name === 'database' ? 'PostgreSQL' : 'Redis')).join(' ni ')}.`,
        'unavailable',
        // Driver errors name internal addresses and ports: only for a signed-in caller.
        (await carriesAccessToken(this.jwt, req.headers.authorization)) ? down.map((c) => ({ field: c.name, message: c.error ?? 'sin respuesta' })) : [],
      );
    }
    return { status: 'ok', checks };
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
