import { Client } from 'pg';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first link that does not verify, when any. */
  broken?: { seq: number; reason: string };
  /** Anchors checked against the chain (only when every link verified). */
  anchors?: number;
  /** The newest event, to be kept outside the system as one more anchor. */
  head?: { seq: number; hash: string };
}

/** A head of the chain recorded somewhere: in audit_anchors, or kept by the operator (`--ancla seq:hash`). */
export interface ChainAnchor {
  seq: number;
  hash: string;
  label: string;
}

const GENESIS = '0'.repeat(64);

/*
 * Recomputes every link of the bitácora from the rows themselves. The
 * canonical form is written out here (not read from the database's own
 * function), so altering that function cannot hide an altered row. Events
 * written before the connection was recorded (db_role, db_client) keep their
 * original form: the two keys enter it only when set.
 */
const RECOMPUTE = `
  SELECT seq, prev_hash, hash,
         encode(sha256(convert_to(prev_hash || (jsonb_build_object(
           'seq', seq,
           'occurred_at', to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'actor_id', actor_id,
           'actor_roles', to_jsonb(actor_roles),
           'request_id', request_id,
           'ip_address', ip_address,
           'entity', entity,
           'entity_id', entity_id,
           'operation', operation,
           'before', before,
           'after', after
         ) || CASE WHEN db_role IS NULL AND db_client IS NULL THEN '{}'::jsonb
                   ELSE jsonb_build_object('db_role', db_role, 'db_client', db_client) END)::text, 'UTF8')), 'hex') AS expected
    FROM audit_events
   WHERE seq > $1
   ORDER BY seq
   LIMIT $2`;

/**
 * Walks the chain in seq order: each row's hash must equal the recomputed one
 * (catches an altered row), its prev_hash must equal the previous row's hash
 * and seq must be consecutive (catches a deleted or inserted row). Then every
 * anchor must find its event with the hash it recorded (catches a chain
 * rewritten and re-hashed from some point) and none may lie beyond the last
 * event (catches the newest events deleted, which leaves a valid chain).
 */
export async function verifyAuditChain(client: Client, batch = 5000, external: ChainAnchor[] = []): Promise<VerifyResult> {
  const chain = await walkChain(client, batch);
  if (!chain.ok) return chain;
  const head = chain.head!;
  const anchors = [...(await recordedAnchors(client)), ...external];
  const hashes = await hashesAt(client, anchors.map((a) => a.seq).filter((s) => s > 0 && s <= head.seq));
  // Rewritten history first (an anchored event that is no longer the same), then a missing tail.
  const rewritten = anchors.filter((a) => a.seq > 0 && a.seq <= head.seq && hashes.get(a.seq) !== a.hash).sort((a, b) => a.seq - b.seq)[0];
  if (rewritten) {
    return {
      ok: false,
      checked: chain.checked,
      head,
      broken: {
        seq: rewritten.seq,
        reason: `no es el evento que registró ${rewritten.label} (hash ${rewritten.hash}): la bitácora se reescribió desde ahí`,
      },
    };
  }
  const beyond = anchors.filter((a) => a.seq > head.seq).sort((a, b) => b.seq - a.seq)[0];
  if (beyond) {
    return {
      ok: false,
      checked: chain.checked,
      head,
      broken: {
        seq: head.seq + 1,
        reason: `faltan los eventos ${head.seq + 1} a ${beyond.seq}: ${beyond.label} registra el evento ${beyond.seq} con hash ${beyond.hash}, pero la bitácora termina en el ${head.seq} (se borraron sus eventos más recientes)`,
      },
    };
  }
  return { ...chain, anchors: anchors.length };
}

const SOURCE_LABEL: Record<string, string> = { corte: 'el ancla del cierre del corte', documento: 'el ancla del documento', diario: 'el ancla diaria del' };

async function recordedAnchors(client: Client): Promise<ChainAnchor[]> {
  const { rows } = await client.query<{ seq: number; hash: string; source: string; reference: string; recorded_at: Date }>(
    `SELECT audit_seq AS seq, audit_hash AS hash, source, reference, recorded_at FROM audit_anchors ORDER BY audit_seq DESC, id DESC`,
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    hash: r.hash,
    label: `${SOURCE_LABEL[r.source] ?? r.source} ${r.reference} (registrada el ${r.recorded_at.toISOString()})`,
  }));
}

async function hashesAt(client: Client, seqs: number[]): Promise<Map<number, string>> {
  const { rows } = await client.query<{ seq: number; hash: string }>(`SELECT seq, hash FROM audit_events WHERE seq = ANY($1::bigint[])`, [[...new Set(seqs)]]);
  return new Map(rows.map((r) => [Number(r.seq), r.hash]));
}

async function walkChain(client: Client, batch: number): Promise<VerifyResult> {
  let lastSeq = 0;
  let lastHash = GENESIS;
  let checked = 0;
  for (;;) {
    const { rows } = await client.query<{ seq: number; prev_hash: string; hash: string; expected: string }>(RECOMPUTE, [lastSeq, batch]);
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== lastSeq + 1) {
        return { ok: false, checked, broken: { seq, reason: `falta el eslabón ${lastSeq + 1} (el siguiente registro es el ${seq}): se borró o se insertó fuera de la cadena` } };
      }
      if (r.prev_hash !== lastHash) {
        return { ok: false, checked, broken: { seq, reason: `su hash anterior no coincide con el hash del eslabón ${lastSeq}` } };
      }
      if (r.hash !== r.expected) {
        return { ok: false, checked, broken: { seq, reason: 'su contenido no corresponde a su hash: el registro fue alterado' } };
      }
      lastSeq = seq;
      lastHash = r.hash;
      checked += 1;
    }
    if (rows.length < batch) return { ok: true, checked, head: { seq: lastSeq, hash: lastHash } };
  }
}
