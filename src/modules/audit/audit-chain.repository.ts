import { Client } from 'pg';

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

/** A link of the chain: its stored hashes and the hash recomputed from its content. */
export interface ChainLink {
  /** bigint: a string unless the process parses int8 as a number (the application does). */
  seq: number | string;
  prev_hash: string;
  hash: string;
  expected: string;
}

/** An anchor as audit_anchors holds it. */
export interface RecordedAnchor {
  seq: number | string;
  hash: string;
  source: string;
  reference: string;
  recorded_at: Date;
}

/**
 * The bitácora as `npm run audit:verify` reads it: over its own connection
 * (any role that may read it, AUDIT_DATABASE_URL), not the application's
 * pool, so it runs without the application.
 */
export class AuditChainRepository {
  constructor(private readonly client: Client) {}

  /** Up to `limit` links after `afterSeq`, in order. */
  async links(afterSeq: number, limit: number): Promise<ChainLink[]> {
    return (await this.client.query<ChainLink>(RECOMPUTE, [afterSeq, limit])).rows;
  }

  /** Every recorded anchor, newest first. */
  async anchors(): Promise<RecordedAnchor[]> {
    return (
      await this.client.query<RecordedAnchor>(
        `SELECT audit_seq AS seq, audit_hash AS hash, source, reference, recorded_at FROM audit_anchors ORDER BY audit_seq DESC, id DESC`,
      )
    ).rows;
  }

  /** The stored hash of each event among `seqs` that exists. */
  async hashesAt(seqs: number[]): Promise<Map<number, string>> {
    const { rows } = await this.client.query<{ seq: number | string; hash: string }>(`SELECT seq, hash FROM audit_events WHERE seq = ANY($1::bigint[])`, [
      [...new Set(seqs)],
    ]);
    return new Map(rows.map((r) => [Number(r.seq), r.hash]));
  }
}
