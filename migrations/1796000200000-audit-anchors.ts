import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anchors of the bitácora's head. A hash chain proves that no link was altered
 * or removed in the middle, but deleting its newest links leaves a shorter,
 * valid chain. Each anchor records the head (sequence and hash) at a moment
 * the chain must reach: a cut closed, an official document produced, a day
 * passed (the worker). `npm run audit:verify` checks that every anchored
 * event is still there with the same hash.
 *
 * Anchors are written only by audit_anchor(), which reads the head itself (a
 * caller cannot anchor a made-up head); the application role may call it but
 * not write, change or truncate the table. One daily anchor per date however
 * many workers run. See docs/decisions/0015-trust-boundaries.md.
 */
export class AuditAnchors1796000200000 implements MigrationInterface {
  name = 'AuditAnchors1796000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public.audit_anchors (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        source      text NOT NULL CHECK (source IN ('corte', 'documento', 'diario')),
        reference   text NOT NULL CHECK (btrim(reference) <> ''),
        audit_seq   bigint NOT NULL CHECK (audit_seq >= 0),
        audit_hash  char(64) NOT NULL CHECK (audit_hash ~ '^[0-9a-f]{64}$'),
        db_role     text NOT NULL
      );
      CREATE UNIQUE INDEX audit_anchors_daily_uq ON public.audit_anchors (reference) WHERE source = 'diario';
      CREATE INDEX audit_anchors_seq_idx ON public.audit_anchors (audit_seq);

      CREATE TRIGGER audit_anchors_append_only BEFORE UPDATE OR DELETE ON public.audit_anchors
        FOR EACH ROW EXECUTE FUNCTION public.refuse_change();
      CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON public.audit_anchors
        FOR EACH STATEMENT EXECUTE FUNCTION public.refuse_change();

      -- Returns the anchored head, and whether this call recorded it (false: that day was already anchored).
      CREATE FUNCTION public.audit_anchor(p_source text, p_reference text, OUT audit_seq bigint, OUT audit_hash char(64), OUT recorded boolean)
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
      DECLARE
        v_id bigint;
      BEGIN
        SELECT e.seq, e.hash INTO audit_seq, audit_hash FROM public.audit_events e ORDER BY e.seq DESC LIMIT 1;
        audit_seq := COALESCE(audit_seq, 0);
        audit_hash := COALESCE(audit_hash, pg_catalog.repeat('0', 64));
        IF p_source = 'diario' THEN
          INSERT INTO public.audit_anchors (source, reference, audit_seq, audit_hash, db_role)
          VALUES (p_source, p_reference, audit_seq, audit_hash, session_user)
          ON CONFLICT (reference) WHERE source = 'diario' DO NOTHING
          RETURNING id INTO v_id;
        ELSE
          INSERT INTO public.audit_anchors (source, reference, audit_seq, audit_hash, db_role)
          VALUES (p_source, p_reference, audit_seq, audit_hash, session_user)
          RETURNING id INTO v_id;
        END IF;
        recorded := v_id IS NOT NULL;
        IF NOT recorded THEN
          SELECT a.audit_seq, a.audit_hash INTO audit_seq, audit_hash FROM public.audit_anchors a WHERE a.source = 'diario' AND a.reference = p_reference;
        END IF;
      END
      $$;
      -- Granted to the application's group by src/database/privileges.ts (the role may not exist yet here).
      REVOKE ALL ON FUNCTION public.audit_anchor(text, text) FROM PUBLIC;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION public.audit_anchor(text, text);
      DROP TABLE public.audit_anchors;
    `);
  }
}
