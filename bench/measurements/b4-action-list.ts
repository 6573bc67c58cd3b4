import autocannon from 'autocannon';
import { BenchContext, load, login, Measurement, WARMUP_SECONDS } from '../context';
import { one } from '../database';
import { cpuMs, fmt, say } from '../util';

/** CPU time per request of a server (/proc) over one load: steadier than throughput when other processes take the cores. */
async function cpuPerRequest(pid: number, run: () => Promise<autocannon.Result>): Promise<{ r: autocannon.Result; cpu: number }> {
  const before = cpuMs(pid);
  const r = await run();
  return { r, cpu: (cpuMs(pid) - before) / Math.max(1, r.requests.total) };
}

interface Page {
  items: { id: string }[];
  total: number;
}

function side(r: autocannon.Result, cpuMsPerRequest: number) {
  return { requestsPerSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, requests: r.requests.total, cpuMsPerRequest };
}

/** B4: a responsable's list of actions (page of 50) under 32 connections, against node:http + pg reading the same page. */
export const b4ActionList: Measurement = {
  id: 'B4',
  needsBaseline: true,
  async run(ctx: BenchContext) {
    say(`B4: lista de acciones de un área, 32 conexiones, ${ctx.seconds} s …`);
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
    const { r: b, cpu: bCpu } = await cpuPerRequest(baseline.pid, () => load(theirUrl, 32, ctx.seconds));
    const { r: o, cpu: oCpu } = await cpuPerRequest(ctx.api.pid, () => load(ourUrl, 32, ctx.seconds, ours));
    const ratio = o.requests.average / b.requests.average;
    const p99Ratio = o.latency.p99 / b.latency.p99;
    const errors = o.errors + o.non2xx + o.timeouts;
    return {
      id: 'B4',
      what: `GET lista de acciones de un área (página de hasta 50: ${ourPage.items.length} de ${fmt(ourPage.total)} en la institución del usuario; el área tiene ${fmt(area.n)} acciones), 32 conexiones`,
      measured: `${fmt(o.requests.average)} sol./s; p50 ${o.latency.p50} ms; p99 ${o.latency.p99} ms; CPU ${fmt(oCpu, 2)} ms/sol.; errores ${errors}`,
      baseline: `${fmt(b.requests.average)} sol./s; p50 ${b.latency.p50} ms; p99 ${b.latency.p99} ms; CPU ${fmt(bCpu, 2)} ms/sol. (node:http + pg)`,
      ratio,
      p99Ratio,
      target: '≥ 0.8× ; p99 ≤ 1.2× la de la línea base ; 0 errores',
      pass: ratio >= 0.8 && p99Ratio <= 1.2 && errors === 0,
      detail: { ours: { ...side(o, oCpu), errors }, baseline: side(b, bCpu), throughputRatio: ratio, p99Ratio },
    };
  },
};
