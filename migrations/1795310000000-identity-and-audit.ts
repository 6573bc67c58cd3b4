import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables audited row by row, with the columns that identify a row. */
export const AUDITED_TABLES: Record<string, string[]> = {
  ramos: ['code'],
  institutions: ['id'],
  programs: ['id'],
  program_names: ['id'],
  areas: ['id'],
  users: ['id'],
  user_areas: ['user_id', 'area_id'],
  cycles: ['id'],
  evaluations: ['id'],
  evaluation_programs: ['evaluation_id', 'program_id'],
  recommendations: ['id'],
  asms: ['id'],
  actions: ['id'],
  action_areas: ['action_id', 'area_id'],
  avances: ['id'],
  evidence_files: ['id'],
  cortes: ['id'],
  prorrogas: ['id'],
  settings: ['key'],
};

/**
 * Sessions, login throttling, and the tamper-evident bitácora.
 *
 * Every change to an audited table is captured by a deferred constraint
 * trigger, so it is written in the same transaction as the change, at commit
 * time (the chain lock is held only while committing). Each event carries
 * sha256(previous hash || canonical JSON of the event), where the canonical
 * JSON is PostgreSQL's jsonb text form (keys sorted, fixed spacing) of the
 * event's fields, timestamps in UTC. See docs/decisions/0006-audit-trail.md.
 */
export class IdentityAndAudit1795310000000 implements MigrationInterface {
  name = 'IdentityAndAudit1795310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users
        ADD COLUMN session_version integer NOT NULL DEFAULT 1,
        ADD COLUMN password_changed_at timestamptz,
        ADD COLUMN last_login_at timestamptz;

      CREATE TABLE refresh_tokens (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id     uuid NOT NULL,
        token_hash    char(64) NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        created_at    timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz NOT NULL,
        used_at       timestamptz,
        revoked_at    timestamptz,
        revoke_reason text,
        ip_address    text,
        user_agent    text,
        CONSTRAINT refresh_tokens_hash_uq UNIQUE (token_hash)
      );
      CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
      CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

      -- Failed-login counters per account ('cuenta:<email>') and per address ('ip:<addr>').
      CREATE TABLE auth_throttle (
        key               text PRIMARY KEY,
        failures          integer NOT NULL DEFAULT 0,
        window_started_at timestamptz NOT NULL DEFAULT now(),
        blocked_until     timestamptz
      );

      CREATE FUNCTION audit_canonical(
        p_seq bigint, p_occurred_at timestamptz, p_actor_id uuid, p_actor_roles text[], p_request_id text,
        p_ip_address text, p_entity text, p_entity_id text, p_operation text, p_before jsonb, p_after jsonb
      ) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT jsonb_build_object(
          'seq', p_seq,
          'occurred_at', to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'actor_id', p_actor_id,
          'actor_roles', to_jsonb(p_actor_roles),
          'request_id', p_request_id,
          'ip_address', p_ip_address,
          'entity', p_entity,
          'entity_id', p_entity_id,
          'operation', p_operation,
          'before', p_before,
          'after', p_after
        )::text
      $$;

      -- Runs as the migration owner: the application role itself cannot write audit rows.
      CREATE FUNCTION audit_capture() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        v_old jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
        v_new jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
        v_row jsonb := COALESCE(v_new, v_old);
        v_before jsonb;
        v_after jsonb;
        v_key text;
        v_id text := '';
        v_prev_seq bigint;
        v_prev_hash char(64);
        v_seq bigint;
        v_at timestamptz := clock_timestamp();
        v_actor uuid := NULLIF(current_setting('asm.actor_id', true), '')::uuid;
        v_roles text[] := COALESCE(string_to_array(NULLIF(current_setting('asm.actor_roles', true), ''), ','), '{}');
        v_request text := NULLIF(current_setting('asm.request_id', true), '');
        v_ip text := NULLIF(current_setting('asm.ip_address', true), '');
        v_op text := lower(TG_OP);
        -- Bookkeeping columns that carry no business meaning.
        v_skip text[] := ARRAY['updated_at', 'search_text'];
      BEGIN
        FOREACH v_key IN ARRAY TG_ARGV LOOP
          v_id := v_id || CASE WHEN v_id = '' THEN '' ELSE ':' END || (v_row ->> v_key);
        END LOOP;
        IF TG_OP = 'UPDATE' THEN
          SELECT jsonb_object_agg(k, v_old -> k), jsonb_object_agg(k, v_new -> k)
            INTO v_before, v_after
            FROM jsonb_object_keys(v_new) AS k
           WHERE NOT (k = ANY (v_skip)) AND (v_old -> k) IS DISTINCT FROM (v_new -> k);
          IF v_before IS NULL THEN
            RETURN NULL;
          END IF;
        ELSE
          v_before := v_old - v_skip;
          v_after := v_new - v_skip;
        END IF;
        IF v_before ? 'password_hash' THEN v_before := jsonb_set(v_before, '{password_hash}', '"[oculto]"'); END IF;
        IF v_after ? 'password_hash' THEN v_after := jsonb_set(v_after, '{password_hash}', '"[oculto]"'); END IF;

        -- One writer of the chain at a time, until this transaction commits.
        PERFORM pg_advisory_xact_lock(4725330011);
        SELECT seq, hash INTO v_prev_seq, v_prev_hash FROM audit_events ORDER BY seq DESC LIMIT 1;
        v_seq := COALESCE(v_prev_seq, 0) + 1;
        v_prev_hash := COALESCE(v_prev_hash, repeat('0', 64));
        INSERT INTO audit_events (seq, occurred_at, actor_id, actor_roles, request_id, ip_address, entity, entity_id,
                                  operation, before, after, prev_hash, hash)
        VALUES (v_seq, v_at, v_actor, v_roles, v_request, v_ip, TG_TABLE_NAME, v_id, v_op, v_before, v_after, v_prev_hash,
                encode(sha256(convert_to(v_prev_hash || audit_canonical(v_seq, v_at, v_actor, v_roles, v_request, v_ip,
                       TG_TABLE_NAME, v_id, v_op, v_before, v_after), 'UTF8')), 'hex'));
        RETURN NULL;
      END
      $$;

      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% es de solo anexado: no se permite % (tabla %)', TG_TABLE_NAME, TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $$;

      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER corte_snapshot_rows_immutable BEFORE UPDATE OR DELETE ON corte_snapshot_rows
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
      CREATE TRIGGER corte_snapshot_rows_no_truncate BEFORE TRUNCATE ON corte_snapshot_rows
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    `);
    for (const [table, keys] of Object.entries(AUDITED_TABLES)) {
      await q.query(
        `CREATE CONSTRAINT TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON ${table}
           DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_capture(${keys.map((k) => `'${k}'`).join(', ')})`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(AUDITED_TABLES)) await q.query(`DROP TRIGGER IF EXISTS ${table}_audit ON ${table}`);
    await q.query(`
      DROP TRIGGER corte_snapshot_rows_no_truncate ON corte_snapshot_rows;
      DROP TRIGGER corte_snapshot_rows_immutable ON corte_snapshot_rows;
      DROP TRIGGER audit_events_no_truncate ON audit_events;
      DROP TRIGGER audit_events_append_only ON audit_events;
      DROP FUNCTION refuse_change();
      DROP FUNCTION audit_capture();
      DROP FUNCTION audit_canonical(bigint, timestamptz, uuid, text[], text, text, text, text, text, jsonb, jsonb);
      DROP TABLE auth_throttle, refresh_tokens;
      ALTER TABLE users DROP COLUMN last_login_at, DROP COLUMN password_changed_at, DROP COLUMN session_version;
    `);
  }
}
