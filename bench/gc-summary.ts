import { readFileSync } from 'node:fs';

/*
 * node dist/bench/gc-summary.js <log> [requests] [skip]
 * What the garbage collector did in a process started with --trace-gc-nvp (its stdout): scavenges and
 * mark-compacts, the bytes allocated and promoted, and their pauses; per request when the number of
 * requests is given. `skip` leaves out that many first scavenges (the start-up's). Promoted ÷ allocated
 * counts bytes, not time, so it compares two servers even on a machine others keep busy
 * (docs/decisions/0049-list-request-remainder.md).
 */
const [file, requestsArg, skipArg] = process.argv.slice(2);
if (!file) {
  console.error('Uso: node dist/bench/gc-summary.js <registro de --trace-gc-nvp> [solicitudes] [recolecciones menores iniciales a omitir]');
  process.exit(2);
}

/** The name=value pairs of one --trace-gc-nvp line. */
function fields(line: string): Map<string, string> {
  return new Map(line.split(/\s+/).flatMap((pair) => (pair.includes('=') ? [pair.split('=', 2) as [string, string]] : [])));
}

const events = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.includes(' gc='))
  .map(fields);
const scavenges = events.filter((e) => e.get('gc') === 's').slice(Number(skipArg ?? 0));
const major = events.filter((e) => e.get('gc') === 'mc' || e.get('gc') === 'ms');
const sum = (list: Map<string, string>[], key: string) => list.reduce((total, e) => total + Number(e.get(key) ?? 0), 0);
const allocated = sum(scavenges, 'allocated');
const promoted = sum(scavenges, 'promoted');
const requests = Number(requestsArg ?? 0);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB${requests ? ` (${(bytes / 1024 / requests).toFixed(1)} KB por solicitud)` : ''}`;

console.log(`Recolecciones menores (scavenge): ${scavenges.length}, pausa total ${sum(scavenges, 'pause').toFixed(0)} ms`);
console.log(`  asignado ${mb(allocated)}; promovido ${mb(promoted)}; promovido ÷ asignado ${allocated ? (promoted / allocated).toFixed(3) : '—'}`);
console.log(`Recolecciones mayores (mark-compact): ${major.length}, pausa total ${sum(major, 'pause').toFixed(0)} ms`);
