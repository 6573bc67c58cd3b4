import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole domain of the product (docs/domain.md). Enumerations are CHECK
 * constraints on text columns: they read as plainly as PostgreSQL enums and can
 * grow a value without a type rewrite.
 */
export class InitialSchema1795305600000 implements MigrationInterface {
  name = 'InitialSchema1795305600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ramos (
        code        varchar(3) PRIMARY KEY CHECK (code ~ '^[0-9]{1,3}$'),
        name        text NOT NULL CHECK (btrim(name) <> '')
      );

      CREATE TABLE institutions (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        acronym     text NOT NULL CHECK (btrim(acronym) <> ''),
        name        text NOT NULL CHECK (btrim(name) <> ''),
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT institutions_acronym_uq UNIQUE (acronym)
      );

      CREATE TABLE programs (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        institution_id  uuid NOT NULL REFERENCES institutions(id),
        ramo_code       varchar(3) NOT NULL REFERENCES ramos(code),
        modality        char(1) NOT NULL CHECK (modality ~ '^[A-Z]$'),
        code            varchar(3) NOT NULL CHECK (code ~ '^[0-9]{3}$'),
        name            text NOT NULL CHECK (btrim(name) <> ''),
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT programs_key_uq UNIQUE (ramo_code, modality, code)
      );
      CREATE INDEX programs_institution_idx ON programs (institution_id);

      -- Programs get renamed (IMSS-Oportunidades, IMSS-PROSPERA, IMSS-BIENESTAR);
      -- documents print the name in force at the cut.
      CREATE TABLE program_names (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id  uuid NOT NULL REFERENCES programs(id),
        name        text NOT NULL CHECK (btrim(name) <> ''),
        valid_from  date NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT program_names_uq UNIQUE (program_id, valid_from)
      );

      CREATE TABLE areas (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name        text NOT NULL CHECK (btrim(name) <> ''),
        name_key    text NOT NULL,
        acronym     text,
        parent_id   uuid REFERENCES areas(id),
        active      boolean NOT NULL DEFAULT true,
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT areas_name_uq UNIQUE (name_key),
        CONSTRAINT areas_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
      );

      CREATE TABLE users (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email          text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        full_name      text NOT NULL CHECK (btrim(full_name) <> ''),
        password_hash  text,
        roles          text[] NOT NULL DEFAULT '{}'
                       CHECK (roles <@ ARRAY['administrador','evaluacion','coordinador','responsable','consulta']::text[]),
        active         boolean NOT NULL DEFAULT true,
        version        integer NOT NULL DEFAULT 1,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_uq UNIQUE (email)
      );

      CREATE TABLE user_areas (
        user_id  uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        area_id  uuid NOT NULL REFERENCES areas(id),
        PRIMARY KEY (user_id, area_id)
      );
      CREATE INDEX user_areas_area_idx ON user_areas (area_id);

      CREATE TABLE cycles (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        label       varchar(9) NOT NULL,
        start_year  integer NOT NULL CHECK (start_year BETWEEN 2000 AND 2100),
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cycles_label_uq UNIQUE (label),
        CONSTRAINT cycles_label_matches_years CHECK (label = start_year::text || '-' || (start_year + 1)::text)
      );

      CREATE TABLE evidence_files (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        sha256             char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes         bigint NOT NULL CHECK (size_bytes > 0),
        mime_type          text NOT NULL,
        display_name       text NOT NULL CHECK (btrim(display_name) <> ''),
        storage_backend    text NOT NULL CHECK (storage_backend IN ('disk','s3')),
        storage_key        text NOT NULL,
        action_id          uuid,
        avance_id          uuid,
        uploaded_by        uuid REFERENCES users(id),
        uploaded_at        timestamptz NOT NULL DEFAULT now(),
        withdrawn_at       timestamptz,
        withdrawn_by       uuid REFERENCES users(id),
        withdrawal_reason  text,
        version            integer NOT NULL DEFAULT 1,
        CONSTRAINT evidence_withdrawal_complete CHECK (
          (withdrawn_at IS NULL AND withdrawn_by IS NULL AND withdrawal_reason IS NULL)
          OR (withdrawn_at IS NOT NULL AND withdrawal_reason IS NOT NULL AND btrim(withdrawal_reason) <> ''))
      );

      CREATE TABLE evaluations (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        external_id            text,
        title                  text NOT NULL CHECK (btrim(title) <> ''),
        evaluation_type        text NOT NULL CHECK (btrim(evaluation_type) <> ''),
        pae_year               integer CHECK (pae_year BETWEEN 2000 AND 2100),
        evaluator              text,
        coordinating_instance  text NOT NULL CHECK (coordinating_instance IN ('CONEVAL','SHCP')),
        report_file_id         uuid REFERENCES evidence_files(id),
        version                integer NOT NULL DEFAULT 1,
        created_at             timestamptz NOT NULL DEFAULT now(),
        updated_at             timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT evaluations_external_id_uq UNIQUE (external_id)
      );

      CREATE TABLE evaluation_programs (
        evaluation_id  uuid NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
        program_id     uuid NOT NULL REFERENCES programs(id),
        PRIMARY KEY (evaluation_id, program_id)
      );
      CREATE INDEX evaluation_programs_program_idx ON evaluation_programs (program_id);

      CREATE TABLE recommendations (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        evaluation_id  uuid NOT NULL REFERENCES evaluations(id),
        number         integer NOT NULL CHECK (number > 0),
        text           text NOT NULL CHECK (btrim(text) <> ''),
        version        integer NOT NULL DEFAULT 1,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT recommendations_number_uq UNIQUE (evaluation_id, number)
      );

      CREATE TABLE asms (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        external_id           text,
        program_id            uuid NOT NULL REFERENCES programs(id),
        cycle_id              uuid NOT NULL REFERENCES cycles(id),
        evaluation_id         uuid REFERENCES evaluations(id),
        recommendation_id     uuid REFERENCES recommendations(id),
        text                  text NOT NULL CHECK (btrim(text) <> ''),
        classification        text NOT NULL
                              CHECK (classification IN ('especifico','institucional','interinstitucional','intergubernamental')),
        priority              text CHECK (priority IN ('alta','media','baja','nd')),
        improvement_type      text CHECK (improvement_type IN ('corrige','modifica','reorienta','adiciona','fundamenta')),
        topic                 text,
        coordinating_area_id  uuid REFERENCES areas(id),
        status                text NOT NULL DEFAULT 'borrador'
                              CHECK (status IN ('borrador','comprometido','en_proceso','concluido','cancelado')),
        status_reason         text,
        concluded_at          timestamptz,
        search_text           text NOT NULL DEFAULT '',
        created_by            uuid REFERENCES users(id),
        version               integer NOT NULL DEFAULT 1,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT asms_external_id_uq UNIQUE (external_id),
        CONSTRAINT asms_cancel_has_reason CHECK (status <> 'cancelado' OR (status_reason IS NOT NULL AND btrim(status_reason) <> ''))
      );
      CREATE INDEX asms_program_idx ON asms (program_id);
      CREATE INDEX asms_cycle_idx ON asms (cycle_id);
      CREATE INDEX asms_coordinating_area_idx ON asms (coordinating_area_id);
      CREATE INDEX asms_status_idx ON asms (status);

      CREATE TABLE actions (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        asm_id                   uuid NOT NULL REFERENCES asms(id),
        position                 integer NOT NULL CHECK (position > 0),
        description              text NOT NULL CHECK (btrim(description) <> ''),
        due_date                 date,
        original_due_date        date,
        expected_results         text,
        products                 text,
        percent                  smallint NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
        proof_document_name      text,
        proof_document_location  text,
        observations             text,
        weight                   numeric(7,2) CHECK (weight > 0),
        version                  integer NOT NULL DEFAULT 1,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX actions_asm_idx ON actions (asm_id, position);
      CREATE INDEX actions_due_date_idx ON actions (due_date) WHERE percent < 100;

      CREATE TABLE action_areas (
        action_id  uuid NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        area_id    uuid NOT NULL REFERENCES areas(id),
        position   smallint NOT NULL CHECK (position > 0),
        PRIMARY KEY (action_id, area_id)
      );
      CREATE INDEX action_areas_area_idx ON action_areas (area_id, action_id);

      CREATE TABLE cortes (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year                 integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        month                integer NOT NULL CHECK (month BETWEEN 1 AND 12),
        cutoff_date          date NOT NULL,
        submission_deadline  date NOT NULL CHECK (submission_deadline >= cutoff_date),
        status               text NOT NULL DEFAULT 'programado' CHECK (status IN ('programado','abierto','cerrado')),
        opened_at            timestamptz,
        closed_at            timestamptz,
        closed_by            uuid REFERENCES users(id),
        version              integer NOT NULL DEFAULT 1,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cortes_month_uq UNIQUE (year, month)
      );
      -- At most one open cut at a time: avances are always reported for "the" open cut.
      CREATE UNIQUE INDEX cortes_one_open_uq ON cortes ((true)) WHERE status = 'abierto';

      CREATE TABLE avances (
        id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_id                uuid NOT NULL REFERENCES actions(id),
        corte_id                 uuid NOT NULL REFERENCES cortes(id),
        percent                  smallint NOT NULL CHECK (percent BETWEEN 0 AND 100),
        observations             text,
        proof_document_name      text,
        proof_document_location  text,
        decrease_justification   text,
        status                   text NOT NULL DEFAULT 'borrador' CHECK (status IN ('borrador','enviado','aprobado','devuelto')),
        return_reason            text,
        created_by               uuid REFERENCES users(id),
        submitted_at             timestamptz,
        submitted_by             uuid REFERENCES users(id),
        reviewed_at              timestamptz,
        reviewed_by              uuid REFERENCES users(id),
        version                  integer NOT NULL DEFAULT 1,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT avances_return_has_reason CHECK (status <> 'devuelto' OR (return_reason IS NOT NULL AND btrim(return_reason) <> ''))
      );
      CREATE INDEX avances_action_idx ON avances (action_id, created_at);
      CREATE INDEX avances_corte_status_idx ON avances (corte_id, status);

      ALTER TABLE evidence_files
        ADD CONSTRAINT evidence_files_action_fk FOREIGN KEY (action_id) REFERENCES actions(id),
        ADD CONSTRAINT evidence_files_avance_fk FOREIGN KEY (avance_id) REFERENCES avances(id);
      CREATE INDEX evidence_files_avance_idx ON evidence_files (avance_id);
      CREATE INDEX evidence_files_action_idx ON evidence_files (action_id);

      -- What a closed cut froze: one row per action (the official format's row),
      -- self-contained so the document never depends on later edits.
      CREATE TABLE corte_snapshot_rows (
        id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        corte_id                 uuid NOT NULL REFERENCES cortes(id),
        asm_id                   uuid NOT NULL,
        action_id                uuid,
        cycle_label              varchar(9) NOT NULL,
        cycle_start_year         integer NOT NULL,
        classification           text NOT NULL,
        program_id               uuid NOT NULL,
        program_key              text NOT NULL,
        program_name             text NOT NULL,
        asm_text                 text NOT NULL,
        asm_status               text NOT NULL,
        coordinating_area        text NOT NULL DEFAULT '',
        action_position          integer,
        action_description       text NOT NULL DEFAULT '',
        responsible_areas        text NOT NULL DEFAULT '',
        due_date                 date,
        original_due_date        date,
        expected_results         text NOT NULL DEFAULT '',
        products                 text NOT NULL DEFAULT '',
        percent                  smallint CHECK (percent BETWEEN 0 AND 100),
        proof_document_name      text NOT NULL DEFAULT '',
        proof_document_location  text NOT NULL DEFAULT '',
        observations             text NOT NULL DEFAULT '',
        month_year               text NOT NULL,
        promedio                 numeric(5,2) CHECK (promedio BETWEEN 0 AND 100),
        created_at               timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX corte_snapshot_rows_corte_idx ON corte_snapshot_rows (corte_id, cycle_start_year DESC, program_key, asm_id, action_position);

      CREATE TABLE prorrogas (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_id           uuid NOT NULL REFERENCES actions(id),
        previous_due_date   date NOT NULL,
        requested_due_date  date NOT NULL,
        justification       text NOT NULL CHECK (btrim(justification) <> ''),
        status              text NOT NULL DEFAULT 'solicitada' CHECK (status IN ('solicitada','aprobada','rechazada')),
        decision_reason     text,
        requested_by        uuid REFERENCES users(id),
        decided_by          uuid REFERENCES users(id),
        decided_at          timestamptz,
        version             integer NOT NULL DEFAULT 1,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT prorrogas_rejection_has_reason CHECK (status <> 'rechazada' OR (decision_reason IS NOT NULL AND btrim(decision_reason) <> ''))
      );
      CREATE INDEX prorrogas_action_idx ON prorrogas (action_id, created_at);

      -- Append-only, hash-chained (see docs/decisions). Immutability triggers and
      -- grants arrive with the identity/audit migration.
      CREATE TABLE audit_events (
        seq          bigint PRIMARY KEY,
        occurred_at  timestamptz NOT NULL,
        actor_id     uuid,
        actor_roles  text[] NOT NULL DEFAULT '{}',
        request_id   text,
        ip_address   text,
        entity       text NOT NULL,
        entity_id    text NOT NULL,
        operation    text NOT NULL,
        before       jsonb,
        after        jsonb,
        prev_hash    char(64) NOT NULL,
        hash         char(64) NOT NULL,
        CONSTRAINT audit_events_hash_uq UNIQUE (hash)
      );
      CREATE INDEX audit_events_entity_idx ON audit_events (entity, entity_id, seq);
      CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, seq);
      CREATE INDEX audit_events_time_idx ON audit_events (occurred_at);

      -- Work that must follow a committed change (e-mail notices), written in the
      -- same transaction and relayed to the queue by the worker.
      CREATE TABLE outbox (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_type    text NOT NULL,
        payload       jsonb NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        published_at  timestamptz,
        attempts      integer NOT NULL DEFAULT 0,
        last_error    text
      );
      CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL;

      CREATE TABLE notification_log (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind            text NOT NULL CHECK (kind IN ('aviso','resumen')),
        outbox_id       bigint REFERENCES outbox(id),
        recipient_id    uuid REFERENCES users(id),
        recipient_email text NOT NULL,
        subject         text NOT NULL,
        status          text NOT NULL DEFAULT 'en_cola'
                        CHECK (status IN ('en_cola','enviado','fallido_temporal','fallido_permanente')),
        attempts        integer NOT NULL DEFAULT 0,
        last_error      text,
        message_id      text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        sent_at         timestamptz
      );
      CREATE INDEX notification_log_status_idx ON notification_log (status, created_at);
      CREATE INDEX notification_log_recipient_idx ON notification_log (recipient_id, created_at);

      CREATE TABLE settings (
        key         text PRIMARY KEY,
        value       jsonb NOT NULL,
        version     integer NOT NULL DEFAULT 1,
        updated_at  timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE settings, notification_log, outbox, audit_events, prorrogas, corte_snapshot_rows,
        evidence_files, avances, cortes, action_areas, actions, asms, recommendations,
        evaluation_programs, evaluations, cycles, user_areas, users, areas, program_names,
        programs, institutions, ramos CASCADE;
    `);
  }
}
