#!/usr/bin/env node
// `npm run env:generate [-- <file>] [--force]`: writes the secrets docker compose reads (.env by
// default) with fresh random values: the schema owner's and the application role's database
// passwords, the key that signs sessions, and the token Prometheus reads /metrics with. Never overwrites an existing file unless --force;
// the file is readable by its owner only. Plain Node, no build, so it runs on a fresh clone.
'use strict';
const { randomBytes } = require('node:crypto');
const { existsSync, writeFileSync, chmodSync } = require('node:fs');
const { resolve } = require('node:path');

const args = process.argv.slice(2);
const force = args.includes('--force');
const target = resolve(args.find((a) => !a.startsWith('--')) ?? '.env');

if (existsSync(target) && !force) {
  console.error(`${target} ya existe; no lo sobrescribo (tiene las claves con las que se creó la base de datos). Usa --force solo si vas a empezar de cero.`);
  process.exit(1);
}

// Hex: safe inside a postgres:// URL without escaping.
const secret = (bytes) => randomBytes(bytes).toString('hex');
const lines = [
  `# Generado por npm run env:generate el ${new Date().toISOString()}. Secretos: no lo subas al repositorio`,
  '# (.gitignore y .dockerignore lo excluyen) y guárdalo donde guardas las demás claves de producción.',
  '# Dueño del esquema (solo migraciones).',
  `POSTGRES_PASSWORD=${secret(24)}`,
  '# Rol de la aplicación (la API y el worker); npm run migrate lo crea con esta contraseña si no existe.',
  `ASM_APP_DB_PASSWORD=${secret(24)}`,
  '# Firma de las sesiones.',
  `JWT_SECRET=${secret(32)}`,
  '# Lectura de /metrics (Prometheus: Authorization: Bearer …).',
  `METRICS_TOKEN=${secret(24)}`,
  '',
];
writeFileSync(target, lines.join('\n'), { mode: 0o600 });
chmodSync(target, 0o600);
console.log(`Escribí ${target} con claves nuevas. Ahora: docker compose up --build`);
