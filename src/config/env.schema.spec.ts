import { ConfigError, parseEnv } from './env.schema';

const valid = { DATABASE_URL: 'postgres://u@localhost:5432/asm', REDIS_URL: 'redis://localhost:6379', JWT_SECRET: 'x'.repeat(32) };

describe('environment validation', () => {
  it('accepts a minimal valid environment and fills defaults', () => {
    const env = parseEnv(valid);
    expect(env.PORT).toBe(3000);
    expect(env.TIME_ZONE).toBe('America/Mexico_City');
    expect(env.BODY_LIMIT).toBe('512kb');
  });

  it('names each bad variable in Spanish and hides secrets', () => {
    let message = '';
    try {
      parseEnv({ DATABASE_URL: 'mysql://root:secreto@x/db', PORT: 'abc', JWT_SECRET: 'corta' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain('Configuración inválida');
    expect(message).toContain('DATABASE_URL: debe empezar con postgres://');
    expect(message).toContain('REDIS_URL: es obligatoria');
    expect(message).toContain('PORT: debe ser un número entero');
    // Every numeric variable answers in Spanish, not with the validation library's English.
    expect(message).not.toMatch(/expected|Too (small|big)|Invalid input/);
    expect(message).toContain('JWT_SECRET: debe tener al menos 32 caracteres (valor oculto)');
    expect(message).not.toContain('secreto');
  });

  it('the idle-transaction limit: 60 s by default, a whole number of milliseconds from 100 to one hour', () => {
    expect(parseEnv(valid).DATABASE_IDLE_TRANSACTION_TIMEOUT_MS).toBe(60_000);
    expect(parseEnv({ ...valid, DATABASE_IDLE_TRANSACTION_TIMEOUT_MS: '1500' }).DATABASE_IDLE_TRANSACTION_TIMEOUT_MS).toBe(1500);
    for (const [bad, says] of [
      ['0', 'debe ser al menos 100'],
      ['99', 'debe ser al menos 100'],
      ['3600001', 'debe ser a lo más 3600000'],
      ['1.5', 'debe ser un número entero'],
      ['un minuto', 'debe ser un número entero'],
    ]) {
      expect(() => parseEnv({ ...valid, DATABASE_IDLE_TRANSACTION_TIMEOUT_MS: bad })).toThrow(`DATABASE_IDLE_TRANSACTION_TIMEOUT_MS: ${says}`);
    }
  });

  it('metrics: the worker port needs the token; a short token is refused without showing it; empty means unset', () => {
    expect(() => parseEnv({ ...valid, WORKER_METRICS_PORT: '9464' })).toThrow(/METRICS_TOKEN: es obligatoria cuando WORKER_METRICS_PORT/);
    expect(() => parseEnv({ ...valid, METRICS_TOKEN: 'token-corto-secreto' })).toThrow(/METRICS_TOKEN: debe tener al menos 24 caracteres .*\(valor oculto\)/);
    expect(() => parseEnv({ ...valid, METRICS_TOKEN: 'token-corto-secreto' })).not.toThrow(/token-corto-secreto/);
    expect(parseEnv({ ...valid, METRICS_TOKEN: '' }).METRICS_TOKEN).toBeUndefined();
    // compose passes ${WORKER_METRICS_PORT:-} through: empty is unset, not port 0.
    expect(parseEnv({ ...valid, METRICS_TOKEN: '', WORKER_METRICS_PORT: '' }).WORKER_METRICS_PORT).toBeUndefined();
    expect(parseEnv({ ...valid, METRICS_TOKEN: 't'.repeat(24), WORKER_METRICS_PORT: '9464' })).toMatchObject({
      METRICS_TOKEN: 't'.repeat(24),
      WORKER_METRICS_PORT: 9464,
    });
  });
});
