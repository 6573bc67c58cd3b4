import autocannon from 'autocannon';
import { BenchContext, Draft, load, makeDrafts, Measurement, mintToken, settle, WARMUP_SECONDS } from '../context';
import { count, one } from '../database';
import { fmt, say } from '../util';

/** Drafts made for B5: at most one per action of the open cut. */
const B5_DRAFTS = 60_000;

/** Submitted avances of a list of ids (the server may still be writing when a load stops). */
const SUBMITTED = `SELECT count(*)::int AS n FROM avances WHERE id = ANY($1) AND status = 'enviado'`;

/** B5: submitting an avance (write + bitácora + outbox) under 32 connections, against node:http + pg doing the same writes. */
export const b5Submit: Measurement = {
  id: 'B5',
  needsBaseline: true,
  async run(ctx: BenchContext) {
    say(`B5: enviar un avance (escritura + bitácora + outbox), 32 conexiones, ${ctx.seconds} s …`);
    const { owner, seconds } = ctx;
    const bbase = ctx.baseline!.base;
    // Drafts on distinct actions of the open cut, each submitted by a responsable of the action's first area
    // (tokens minted with the API's secret: logging in 600 users would only measure argon2).
    const open = await one<{ id: string }>(owner, `SELECT id FROM cortes WHERE status = 'abierto'`);
    // The drafts and submissions of earlier runs go first (with what hangs from them).
    await owner.query(`SET session_replication_role = replica`);
    for (const table of ['evidence_files', 'avance_events']) {
      await owner.query(`DELETE FROM ${table} WHERE avance_id IN (SELECT id FROM avances WHERE corte_id = $1 AND status IN ('borrador', 'enviado'))`, [
        open.id,
      ]);
    }
    await owner.query(`DELETE FROM avances WHERE corte_id = $1 AND status IN ('borrador', 'enviado')`, [open.id]);
    await owner.query(`RESET session_replication_role`);
    const drafts = await makeDrafts(owner, open.id, B5_DRAFTS);
    // Earlier runs leave dead rows behind: start every run from the same state.
    await owner.query(`VACUUM (ANALYZE) avances, avance_events, outbox, audit_events`);
    const forBaseline = drafts.slice(0, 1000).map((d) => d.id);
    const forUs = drafts.slice(1000);
    const tokens = new Map<string, string>();
    const bearer = (d: Draft) => {
      let t = tokens.get(d.uid);
      if (!t) {
        t = mintToken(ctx.env.JWT_SECRET!, d);
        tokens.set(d.uid, t);
      }
      return t;
    };
    // The baseline checks no state, so it goes round its drafts; each of ours is submitted once (a second
    // submit is a conflict). The warm-up's drafts are given back before the measured load.
    let i = 0;
    let j = 0;
    const baselineLoad = (s: number) =>
      load(bbase, 32, s, {
        method: 'POST',
        requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: `/submit/${forBaseline[i++ % forBaseline.length]}` }) }],
      });
    const ourLoad = (s: number, amount?: number) =>
      load(ctx.api.base, 32, s, {
        method: 'POST',
        amount,
        body: '{"version":1}',
        requests: [
          {
            setupRequest: (req: autocannon.Request) => {
              const d = forUs[j++ % forUs.length];
              return {
                ...req,
                path: `/api/v1/avances/${d.id}/submit`,
                headers: { ...req.headers, authorization: bearer(d), 'content-type': 'application/json' },
              };
            },
          },
        ],
      });
    await baselineLoad(WARMUP_SECONDS);
    await ourLoad(WARMUP_SECONDS);
    await settle(() => count(owner, `SELECT count(*)::int AS n FROM avances WHERE corte_id = $1 AND status = 'enviado'`, [open.id]));
    await owner.query(`SET session_replication_role = replica`);
    await owner.query(`UPDATE avances SET status = 'borrador', version = 1, submitted_at = NULL, submitted_by = NULL WHERE id = ANY($1)`, [
      forUs.slice(0, Math.min(j, forUs.length)).map((d) => d.id),
    ]);
    await owner.query(`RESET session_replication_role`);
    j = 0;
    const b = await baselineLoad(seconds);
    // As many requests as the baseline served in the same time, or as many drafts as there are (size M).
    const amount = Math.min(forUs.length, Math.round(b.requests.average * seconds));
    const seqBefore = (await one<{ s: string }>(owner, `SELECT COALESCE(max(seq), 0) AS s FROM audit_events`)).s;
    const outboxBefore = (await one<{ s: string }>(owner, `SELECT COALESCE(max(id), 0) AS s FROM outbox`)).s;
    const o = await ourLoad(seconds, amount);
    const measured = forUs.slice(0, Math.min(j, forUs.length)).map((d) => d.id);
    const ok = o['2xx'];
    // Requests still in flight when the load stops finish on the server: wait until nothing changes, then count there.
    const submitted = await settle(() => count(owner, SUBMITTED, [measured]));
    const audit = await count(
      owner,
      `SELECT count(*)::int AS n FROM audit_events WHERE seq > $1 AND entity = 'avances' AND operation = 'update' AND entity_id = ANY($2)`,
      [seqBefore, measured],
    );
    const outbox = await count(
      owner,
      `SELECT count(*)::int AS n FROM outbox WHERE event_type = 'avance.enviado' AND id > $2 AND (payload->>'avanceId') = ANY($1)`,
      [measured, outboxBefore],
    );
    const ratio = o.requests.average / b.requests.average;
    const errors = o.errors + o.non2xx + o.timeouts;
    return {
      id: 'B5',
      what: 'Enviar un avance (escritura + bitácora + outbox), 32 conexiones',
      measured: `${fmt(o.requests.average)} sol./s; p50 ${o.latency.p50} ms; p99 ${o.latency.p99} ms; errores ${errors}; enviados ${submitted} (respuestas 2xx ${ok}); bitácora ${audit}; outbox ${outbox}`,
      baseline: `${fmt(b.requests.average)} sol./s (node:http + pg, mismas escrituras)`,
      ratio,
      target: '≥ 0.5× ; 0 errores ; bitácora = solicitudes',
      pass: ratio >= 0.5 && errors === 0 && audit === submitted && outbox === submitted && submitted >= ok,
      detail: { requests: amount, responses2xx: ok, submitted, audit, outbox, users: tokens.size },
    };
  },
};
