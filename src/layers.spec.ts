import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The shared layers (docs/architecture.md): none of them imports a feature module. */
const SHARED = ['common', 'database', 'queue', 'config'];
/** Entry points that wire a module in on purpose (setup.main.ts creates the first administrator). */
const ENTRY_POINTS = new Set(['database/setup.main.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('layers', () => {
  it('common/, database/, queue/ and config/ import no feature module', () => {
    const upward: string[] = [];
    for (const layer of SHARED) {
      for (const file of sources(join(__dirname, layer))) {
        const name = relative(__dirname, file);
        if (ENTRY_POINTS.has(name)) continue;
        for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
          if (target.startsWith('.') && join(file, '..', target).startsWith(join(__dirname, 'modules'))) upward.push(`${name} → ${target}`);
        }
      }
    }
    expect(upward).toEqual([]);
  });
});
