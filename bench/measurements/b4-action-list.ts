import autocannon from 'autocannon';
import { BenchContext, load, login, Measurement, WARMUP_SECONDS } from '../context';
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

/** Rounds on each side, alternating: one 15-s load's p99 moves by ±15 % from one round to the next on a quiet machine. */
const ROUNDS = 3;

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
    await load(theirUrl, 32, WARMUP_SECONDS);
    await load(ourUrl, 32, WARMUP_SECONDS, ours);
    const theirs: Round[] = [];
    const oursRounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      theirs.push(round(await cpuPerRequest(baseline.pid, () => load(theirUrl, 32, ctx.seconds))));
      oursRounds.push(round(await cpuPerRequest(ctx.api.pid, () => load(ourUrl, 32, ctx.seconds, ours))));
    }
    const o = median(oursRounds);
    const b = median(theirs);
    const ratio = o.requestsPerSecond / b.requestsPerSecond;
    const p99Ratio = o.p99Ms / b.p99Ms;
    const perRound = oursRounds.map((r, i) => `${fmt(r.requestsPerSecond / theirs[i].requestsPerSecond, 2)}/${fmt(r.p99Ms / theirs[i].p99Ms, 2)}`).join(', ');
    return {
      id: 'B4',
      what: `GET lista de acciones de un área (página de hasta 50: ${ourPage.items.length} de ${fmt(ourPage.total)} en la institución del usuario; el área tiene ${fmt(area.n)} acciones), 32 conexiones, ${ROUNDS} rondas de ${ctx.seconds} s por lado, alternando (medianas; razón y razón de p99 por ronda: ${perRound})`,
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
