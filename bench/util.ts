import { ChildProcess, fork, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';

/** One line of the bench's table (and of bench/results/latest.json). */
export interface Result {
  id: string;
  what: string;
  measured: string;
  baseline: string;
  ratio: number | null;
  /** B4 and B7: the measured p99 over the baseline's (the ratio above is throughput). */
  p99Ratio?: number;
  target: string;
  pass: boolean;
  detail?: Record<string, unknown>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Resident set size of a process, in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time (ms) used so far by each running PostgreSQL process of the machine, by pid. */
export function postgresCpu(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/stat`, 'utf8').includes('(postgres)')) cpu.set(Number(name), cpuMs(Number(name)));
    } catch {
      // Ended between the listing and the read.
    }
  }
  return cpu;
}

/**
 * CPU time (ms) PostgreSQL used since `before` (postgresCpu()): each process's growth, a process started since counted
 * whole. A process that ended in between is missed (a pool closes connections idle for 10 s, so measure while they work).
 */
export function postgresCpuSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of postgresCpu()) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Samples a process's RSS while `work` runs; returns the work's result, its duration and the peak. */
export async function measure<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; ms: number; rssBefore: number; rssPeak: number }> {
  const rssBefore = rssMb(pid);
  let rssPeak = rssBefore;
  const timer = setInterval(() => {
    try {
      rssPeak = Math.max(rssPeak, rssMb(pid));
    } catch {
      /* process gone */
    }
  }, 20);
  const started = process.hrtime.bigint();
  try {
    const result = await work();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    rssPeak = Math.max(rssPeak, rssMb(pid));
    return { result, ms, rssBefore, rssPeak };
  } finally {
    clearInterval(timer);
  }
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

export async function waitHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > end) throw new Error(`No respondió ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** BENCH_PROFILE=<dir> writes a V8 CPU profile of the API (or server) there when it stops. */
export function startNode(script: string, env: NodeJS.ProcessEnv, flags: string[] = []): ChildProcess {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE, '--require', join(__dirname, 'profile-exit.js')] : [];
  return spawn(process.execPath, [...flags, ...profile, script], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

export function forkNode(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return fork(script, [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

export async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

export const fmt = (n: number, d = 0) => n.toLocaleString('es-MX', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Progress goes to stderr; the figures go to stdout. */
export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}
