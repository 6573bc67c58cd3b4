import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bitácora's functions resolve nothing through the caller's session.
 *
 * PostgreSQL searches the session's temporary schema for relations before any
 * schema of search_path unless pg_temp is named in it; a SECURITY DEFINER
 * function pinned to `search_path = public` therefore wrote its events into a
 * temporary table called audit_events when the caller had created one. Every
 * object is now schema-qualified and every function pins
 * `search_path = pg_catalog, public, pg_temp` (pg_temp last, never first).
 * The application role also loses TEMPORARY on the database
 * (src/database/privileges.ts). See docs/decisions/0015-trust-boundaries.md.
 */
export class AuditFunctionsPinned1796000000000 implements MigrationInterface {
  name = 'AuditFunctionsPinned1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION public.audit_canonical(
        p_seq bigint, p_occurred_at timestamptz, p_actor_id uuid, p_actor_roles text[], p_request_id text,
        p_ip_address text, p_entity text, p_entity_id text, p_operation text, p_before jsonb, p_after jsonb
      ) RETURNS text LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS $$
        SELECT pg_catalog.jsonb_build_object(
          'seq', p_seq,
          'occurred_at', pg_catalog.to_char(p_occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          'actor_id', p_actor_id,
          'actor_roles', pg_catalog.to_jsonb(p_actor_roles),
          'request_id', p_request_id,
          'ip_address', p_ip_address,
          'entity', p_entity,
          'entity_id', p_entity_id,
          'operation', p_operation,
          'before', p_before,
          'after', p_after
        )::text
      $$;

      CREATE OR REPLACE FUNCTION public.audit_capture() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        v_old jsonb := CASE WHEN TG_OP <> 'INSERT' THEN pg_catalog.to_jsonb(OLD) END;
        v_new jsonb := CASE WHEN TG_OP <> 'DELETE' THEN pg_catalog.to_jsonb(NEW) END;
        v_row jsonb := COALESCE(v_new, v_old);
        v_before jsonb;
        v_after jsonb;
        v_key text;
        v_id text := '';
        v_prev_seq bigint;
        v_prev_hash char(64);
        v_seq bigint;
        v_at timestamptz := pg_catalog.clock_timestamp();
        v_actor uuid := NULLIF(pg_catalog.current_setting('asm.actor_id', true), '')::uuid;
        v_roles text[] := COALESCE(pg_catalog.string_to_array(NULLIF(pg_catalog.current_setting('asm.actor_roles', true), ''), ','), '{}');
        v_request text := NULLIF(pg_catalog.current_setting('asm.request_id', true), '');
        v_ip text := NULLIF(pg_catalog.current_setting('asm.ip_address', true), '');
        v_op text := pg_catalog.lower(TG_OP);
        -- Bookkeeping columns that carry no business meaning.
        v_skip text[] := ARRAY['updated_at', 'search_text'];
      BEGIN
        FOREACH v_key IN ARRAY TG_ARGV LOOP
          v_id := v_id || CASE WHEN v_id = '' THEN '' ELSE ':' END || (v_row ->> v_key);
        END LOOP;
        IF TG_OP = 'UPDATE' THEN
          SELECT pg_catalog.jsonb_object_agg(k, v_old -> k), pg_catalog.jsonb_object_agg(k, v_new -> k)
            INTO v_before, v_after
            FROM pg_catalog.jsonb_object_keys(v_new) AS k
           WHERE NOT (k = ANY (v_skip)) AND (v_old -> k) IS DISTINCT FROM (v_new -> k);
          IF v_before IS NULL THEN
            RETURN NULL;
          END IF;
        ELSE
          v_before := v_old - v_skip;
          v_after := v_new - v_skip;
        END IF;
        IF v_before ? 'password_hash' THEN v_before := pg_catalog.jsonb_set(v_before, '{password_hash}', '"[oculto]"'); END IF;
        IF v_after ? 'password_hash' THEN v_after := pg_catalog.jsonb_set(v_after, '{password_hash}', '"[oculto]"'); END IF;

        -- One writer of the chain at a time, until this transaction commits.
        PERFORM pg_catalog.pg_advisory_xact_lock(4725330011);
        SELECT e.seq, e.hash INTO v_prev_seq, v_prev_hash FROM public.audit_events e ORDER BY e.seq DESC LIMIT 1;
        v_seq := COALESCE(v_prev_seq, 0) + 1;
        v_prev_hash := COALESCE(v_prev_hash, pg_catalog.repeat('0', 64));
        INSERT INTO public.audit_events (seq, occurred_at, actor_id, actor_roles, request_id, ip_address, entity, entity_id,
                                         operation, before, after, prev_hash, hash)
        VALUES (v_seq, v_at, v_actor, v_roles, v_request, v_ip, TG_TABLE_NAME, v_id, v_op, v_before, v_after, v_prev_hash,
                pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(v_prev_hash || public.audit_canonical(v_seq, v_at, v_actor,
                       v_roles, v_request, v_ip, TG_TABLE_NAME, v_id, v_op, v_before, v_after), 'UTF8')), 'hex'));
        RETURN NULL;
      END
      $$;

      ALTER FUNCTION public.refuse_change() SET search_path = pg_catalog, public, pg_temp;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER FUNCTION public.refuse_change() RESET search_path;
      ALTER FUNCTION public.audit_capture() SET search_path = public;
      ALTER FUNCTION public.audit_canonical(bigint, timestamptz, uuid, text[], text, text, text, text, text, jsonb, jsonb) RESET search_path;
    `);
  }
}
