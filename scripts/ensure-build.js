#!/usr/bin/env node
// Compiles to dist/ when the sources are newer than the last build, so the
// command-line tools (audit:verify, cli) run from a fresh clone with one
// command. In a built image (no src/) it does nothing.
const { existsSync, readdirSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { execFileSync } = require('node:child_process');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.cache' || entry.name === 'results') continue;
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'migrations')), newest(join(root, 'bench')));
if (sources === 0) process.exit(0);
if (existsSync(stamp) && statSync(stamp).mtimeMs >= sources) process.exit(0);
process.stderr.write('Compilando (npm run build) …\n');
execFileSync(join(root, 'node_modules', '.bin', 'nest'), ['build'], { cwd: root, stdio: 'inherit' });
writeFileSync(stamp, new Date().toISOString());
