import autocannon from 'autocannon';
import { BenchContext, load, login, Measurement } from '../context';
import { one } from '../database';
import { cpuMs, fmt, percentile, postgresCpu, postgresCpuSince, say } from '../util';

/**
 * CPU time per request of a server and of PostgreSQL (/proc) over one load: steadier than throughput when other
 * processes take the cores, and it shows work moved from one to the other.
 */
async function cpuPerRequest(pid: number, run: () => Promise<autocannon.Result>): Promise<{ r: autocannon.Result; cpu: number; pgCpu: number }> {
  const before = cpuMs(pid);
  const pgBefore = postgresCpu();
  const r = await run();
  const n = Math.max(1, r.requests.total);
  return { r, cpu: (cpuMs(pid) - before) / n, pgCpu: postgresCpuSince(pgBefore) / n };
}

interface Page {
  items: { id: string }[];
  total: number;
}

/**
 * Rounds on each side, alternating: one 15-s load's p99 moves by ±15-30 % from one round to the next on a quiet machine.
 * Even, so that each side goes first in half of them (see the loop below).
 */
const ROUNDS = 4;

/**
 * Unmeasured load on each side before the rounds. Longer than B5's: in a full run the API comes to B4 from three
 * documents, whose code shares the row parser, the streams and the JSON with the list's, and V8 spends the first
 * ~10 s of list load optimising again (traced: 238 functions optimised in those 10 s against 61 in the next 10;
 * +6-16 % CPU per request). Both sides get the same, so both are measured at their steady state (0052).
 */
const WARMUP = 10;

interface Round {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  cpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  errors: number;
}

function round({ r, cpu, pgCpu }: { r: autocannon.Result; cpu: number; pgCpu: number }): Round {
  return {
    requestsPerSecond: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    cpuMsPerRequest: cpu,
    postgresCpuMsPerRequest: pgCpu,
    errors: r.errors + r.non2xx + r.timeouts,
  };
}

/** Each figure's median over the rounds, the requests and errors summed. */
function median(rounds: Round[]): Round {
  const m = (k: keyof Round) =>
    percentile(
      rounds.map((r) => r[k]),
      50,
    );
  const sum = (k: keyof Round) => rounds.reduce((n, r) => n + r[k], 0);
  return {
    requestsPerSecond: m('requestsPerSecond'),
    p50Ms: m('p50Ms'),
    p99Ms: m('p99Ms'),
    requests: sum('requests'),
    cpuMsPerRequest: m('cpuMsPerRequest'),
    postgresCpuMsPerRequest: m('postgresCpuMsPerRequest'),
    errors: sum('errors'),
  };
}

/**
 * B4: a responsable's list of actions (page of 50) under 32 connections, against node:http + pg reading the same page.
 * The two sides alternate, ROUNDS loads each, and every figure is the median of its side's rounds.
 */
export const b4ActionList: Measurement = {
  id: 'B4',
  needsBaseline: true,
  async run(ctx: BenchContext) {
    say(`B4: lista de acciones de un área, 32 conexiones, ${ROUNDS} rondas de ${ctx.seconds} s por lado, alternando …`);
    const baseline = ctx.baseline!;
    const area = await one<{ id: string; email: string; institutionId: string; n: number }>(
      ctx.owner,
      `SELECT a.id, u.email, u.institution_id AS "institutionId", (SELECT count(*) FROM action_areas aa WHERE aa.area_id = a.id)::int AS n FROM areas a JOIN user_areas ua ON ua.area_id = a.id
         JOIN users u ON u.id = ua.user_id AND 'responsable' = ANY(u.roles) ORDER BY n DESC LIMIT 1`,
    );
    const token = await login(ctx.api.base, area.email);
    const ours = { headers: { authorization: `Bearer ${token}` } };
    const theirUrl = `${baseline.base}/actions?areas=${area.id}&institution=${area.institutionId}`;
    const ourUrl = `${ctx.api.base}/api/v1/actions?pageSize=50`;
    // Both sides must answer the same rows, or the ratio compares different work.
    const ourPage = (await (await fetch(ourUrl, ours)).json()) as Page;
    const basePage = (await (await fetch(theirUrl)).json()) as Page;
    if (JSON.stringify(ourPage.items.map((i) => i.id)) !== JSON.stringify(basePage.items.map((i) => i.id)) || ourPage.total !== basePage.total) {
      throw new Error(
        `B4: la API (${ourPage.items.length} de ${ourPage.total}) y la línea base (${basePage.items.length} de ${basePage.total}) no dan las mismas filas.`,
      );
    }
    // Warm both servers up (JIT, every pooled connection's prepared statements) before measuring either.
    await load(theirUrl, 32, WARMUP);
    await load(ourUrl, 32, WARMUP, ours);
    const theirs: Round[] = [];
    const oursRounds: Round[] = [];
    const measureTheirs = async () => theirs.push(round(await cpuPerRequest(baseline.pid, () => load(theirUrl, 32, ctx.seconds))));
    const measureOurs = async () => oursRounds.push(round(await cpuPerRequest(ctx.api.pid, () => load(ourUrl, 32, ctx.seconds, ours))));
    // Each side goes first in every other round: the second load of a pair finds what the first left (PostgreSQL's
    // buffers, the kernel's sockets), and in an A/A run of two identical servers the second had the higher p99, by 6 % in the median of nine rounds (0049, 0052).
    for (let i = 0; i < ROUNDS; i++) {
      if (i % 2 === 0) {
        await measureTheirs();
        await measureOurs();
      } else {
        await measureOurs();
        await measureTheirs();
      }
    }
    const o = median(oursRounds);
    const b = median(theirs);
    const ratio = o.requestsPerSecond / b.requestsPerSecond;
    const p99Ratio = o.p99Ms / b.p99Ms;
    const perRound = oursRounds.map((r, i) => `${fmt(r.requestsPerSecond / theirs[i].requestsPerSecond, 2)}/${fmt(r.p99Ms / theirs[i].p99Ms, 2)}`).join(', ');
    return {
      id: 'B4',
      what: `GET lista de acciones de un área (página de hasta 50: ${ourPage.items.length} de ${fmt(ourPage.total)} en la institución del usuario; el área tiene ${fmt(area.n)} acciones), 32 conexiones, ${ROUNDS} rondas de ${ctx.seconds} s por lado, alternando quién va primero, tras ${WARMUP} s de calentamiento por lado (medianas; razón y razón de p99 por ronda: ${perRound})`,
      measured: `${fmt(o.requestsPerSecond)} sol./s; p50 ${o.p50Ms} ms; p99 ${o.p99Ms} ms; CPU ${fmt(o.cpuMsPerRequest, 2)} ms/sol. (PostgreSQL ${fmt(o.postgresCpuMsPerRequest, 2)}); errores ${o.errors}`,
      baseline: `${fmt(b.requestsPerSecond)} sol./s; p50 ${b.p50Ms} ms; p99 ${b.p99Ms} ms; CPU ${fmt(b.cpuMsPerRequest, 2)} ms/sol. (PostgreSQL ${fmt(b.postgresCpuMsPerRequest, 2)}) (node:http + pg)`,
      ratio,
      p99Ratio,
      target: '≥ 0.8× ; p99 ≤ 1.2× la de la línea base ; 0 errores',
      pass: ratio >= 0.8 && p99Ratio <= 1.2 && o.errors === 0,
      detail: { ours: o, baseline: b, throughputRatio: ratio, p99Ratio, rounds: { ours: oursRounds, baseline: theirs } },
    };
  },
};
