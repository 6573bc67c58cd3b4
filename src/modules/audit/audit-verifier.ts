import { Client } from 'pg';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first link that does not verify, when any. */
  broken?: { seq: number; reason: string };
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
 * and seq must be consecutive (catches a deleted or inserted row).
 */
export async function verifyAuditChain(client: Client, batch = 5000): Promise<VerifyResult> {
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
    if (rows.length < batch) return { ok: true, checked };
  }
}
