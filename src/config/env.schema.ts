import { z } from 'zod';
import { trustProxySchema } from './trust-proxy';

const booleanString = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** A whole number from `min` to `max` (the environment gives it as text). */
const intRange = (min: number, max: number) =>
  z.coerce
    .number({ error: 'debe ser un número entero' })
    .int('debe ser un número entero')
    .min(min, `debe ser al menos ${min}`)
    .max(max, `debe ser a lo más ${max}`);
/** An optional value for which an empty string counts as unset, so that compose can pass ${NAME:-} through. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/**
 * Every environment variable the processes read. Parsed once at boot; a bad
 * value stops the process with a message that names the variable.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: intRange(1, 65535).default(3000),
    DATABASE_URL: z
      .string({ error: 'es obligatoria (cadena de conexión postgres://usuario@host:puerto/base)' })
      .regex(/^postgres(ql)?:\/\//, 'debe empezar con postgres:// o postgresql://'),
    DATABASE_POOL_SIZE: intRange(1, 200).default(10),
    DATABASE_IDLE_TRANSACTION_TIMEOUT_MS: intRange(100, 3_600_000).default(60_000),
    REDIS_URL: z.string({ error: 'es obligatoria (cadena de conexión redis://host:puerto)' }).regex(/^rediss?:\/\//, 'debe empezar con redis:// o rediss://'),
    QUEUE_PREFIX: z.string().min(1).default('asm'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: booleanString.default(false),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'debe ser un tamaño como 512kb o 1mb')
      .default('512kb'),
    TIME_ZONE: z.string().default('America/Mexico_City'),
    TRUST_PROXY: trustProxySchema,
    PUBLIC_BASE_URL: z.url('debe ser una URL completa, por ejemplo http://localhost:3000').default('http://localhost:3000'),
    SWAGGER_ENABLED: booleanString.default(true),
    JWT_SECRET: z
      .string({ error: 'es obligatoria: una cadena aleatoria de al menos 32 caracteres para firmar las sesiones' })
      .min(32, 'debe tener al menos 32 caracteres'),
    /** During a rotation of JWT_SECRET: the previous key, accepted to verify the sessions it signed (never to sign). */
    JWT_SECRET_PREVIOUS: unsetIfEmpty(z.string().min(32, 'debe tener al menos 32 caracteres')),
    ACCESS_TOKEN_TTL_SECONDS: intRange(30, 86400).default(900),
    REFRESH_TOKEN_TTL_DAYS: intRange(1, 365).default(14),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: intRange(1, 1000).default(5),
    LOGIN_MAX_FAILURES_PER_ADDRESS: intRange(1, 10000).default(20),
    LOGIN_BLOCK_MINUTES: intRange(1, 1440).default(15),
    CORTE_SUBMISSION_BUSINESS_DAYS: intRange(0, 120).default(10),
    EXTRA_NON_BUSINESS_DAYS: z
      .string()
      .regex(/^(\d{4}-\d{2}-\d{2})?(,\d{4}-\d{2}-\d{2})*$/, 'debe ser una lista de fechas AAAA-MM-DD separadas por comas')
      .default(''),
    STORAGE_BACKEND: z.enum(['disk', 's3']).default('disk'),
    STORAGE_DIR: z.string().min(1).default('./storage'),
    S3_ENDPOINT: z.url('debe ser una URL, por ejemplo https://s3.amazonaws.com').optional(),
    S3_REGION: z.string().default('us-east-1'),
    S3_BUCKET: z.string().optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: booleanString.default(false),
    EVIDENCE_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(50 * 1024 * 1024),
    EVIDENCE_ALLOWED_TYPES: z
      .string()
      .regex(/^[a-z0-9]+(,[a-z0-9]+)*$/, 'debe ser una lista de extensiones separadas por comas, por ejemplo pdf,docx,png')
      .default('pdf,doc,docx,xls,xlsx,ppt,pptx,odt,ods,odp,png,jpg'),
    UPLOAD_MAX_CONCURRENT_PER_USER: intRange(1, 100).default(8),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'debe empezar con smtp:// o smtps://')
      .default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().min(3).default('Seguimiento de ASM <no-responder@asm-seguimiento.local>'),
    MAIL_ATTEMPTS: intRange(1, 50).default(8),
    MAIL_CONCURRENCY: intRange(1, 64).default(4),
    MAIL_BACKOFF_MS: intRange(10, 3_600_000).default(30_000),
    REMINDER_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'debe ser una hora HH:MM, por ejemplo 08:00')
      .default('08:00'),
    REMINDER_TIME_ZONE: z.string().optional(),
    REMINDER_DUE_OFFSETS: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'debe ser una lista de días separados por comas, por ejemplo 30,15,7,1,0')
      .default('30,15,7,1,0'),
    REMINDER_OVERDUE_REPEAT_DAYS: intRange(1, 90).default(7),
    REMINDER_ESCALATE_BUSINESS_DAYS: intRange(0, 250).default(10),
    REMINDER_CORTE_OFFSETS: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'debe ser una lista de días hábiles separados por comas, por ejemplo 10,5,1')
      .default('10,5,1'),
    REMINDER_REVIEW_BUSINESS_DAYS: intRange(1, 60).default(5),
    REMINDER_DIGEST_MAX_ITEMS: intRange(1, 500).default(20),
    RELAY_INTERVAL_MS: intRange(50, 600_000).default(2000),
    MAIL_STUCK_AFTER_MS: intRange(500, 86_400_000).default(120_000),
    MAIL_RETRY_SWEEP_MS: intRange(1000, 86_400_000).default(1_800_000),
    MAIL_SWEEP_INTERVAL_MS: intRange(1000, 86_400_000).default(60_000),
    METRICS_TOKEN: unsetIfEmpty(z.string().min(24, 'debe tener al menos 24 caracteres (una cadena aleatoria)')),
    WORKER_METRICS_PORT: unsetIfEmpty(intRange(1, 65535)),
  })
  .superRefine((env, ctx) => {
    if (env.STORAGE_BACKEND === 's3' && !env.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'es obligatoria cuando STORAGE_BACKEND=s3' });
    }
    if (env.WORKER_METRICS_PORT !== undefined && !env.METRICS_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_TOKEN'], message: 'es obligatoria cuando WORKER_METRICS_PORT está definida (protege /metrics)' });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError naming every bad variable. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(entorno)';
    const value = source[name];
    const shown =
      value === undefined
        ? 'no está definida'
        : /URL|SECRET|PASSWORD|KEY|TOKEN/.test(name)
          ? 'valor oculto'
          : `valor recibido: "${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;
    return `  - ${name}: ${issue.message} (${shown})`;
  });
  throw new ConfigError(`Configuración inválida; corrige estas variables de entorno:\n${lines.join('\n')}`);
}
