import { readFileSync } from 'node:fs';

/*
 * node dist/bench/profile-summary.js <file.cpuprofile> [top]
 * Where the time of a V8 CPU profile went: self time by package (or by the
 * project's own folder) and the hottest functions.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

function owner(url: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return url;
  const own = /\/dist\/(src\/modules\/[^/]+|src\/[^/]+|bench)/.exec(url);
  if (own) return own[1];
  return url ? 'otro' : '(V8 / nativo)';
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('Uso: node dist/bench/profile-summary.js <archivo.cpuprofile> [n]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byOwner = new Map<string, number>();
const byFn = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id)!;
  const who =
    n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)' || n.callFrame.functionName === '(garbage collector)'
      ? n.callFrame.functionName
      : owner(n.callFrame.url);
  byOwner.set(who, (byOwner.get(who) ?? 0) + us);
  const fn = `${n.callFrame.functionName || '(anónima)'} ${n.callFrame.url.replace(/.*node_modules\//, '')}:${n.callFrame.lineNumber + 1}`;
  byFn.set(fn, (byFn.get(fn) ?? 0) + us);
}
const top = Number(topArg ?? 25);
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
console.log(`Total muestreado: ${(total / 1e6).toFixed(2)} s\n\nTiempo propio por paquete:`);
for (const [k, v] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
console.log('\nFunciones más costosas:');
for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
