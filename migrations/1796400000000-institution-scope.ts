import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Institutions as a scope (issue 14, docs/decisions/0033-institution-scope.md):
 * users, areas and cortes belong to an institution; each institution runs its
 * own cortes (one per month and year, one open at a time) and has its time
 * zone. One institution is the deployment's default: existing rows move to it,
 * and rows written without naming one (the importers, the seed) land in it.
 * A deployment-wide reading role (consulta_global: SHCP, CONEVAL) joins the roles.
 */
export class InstitutionScope1796400000000 implements MigrationInterface {
  name = 'InstitutionScope1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE institutions
        ADD COLUMN is_default boolean NOT NULL DEFAULT false,
        ADD COLUMN time_zone text NOT NULL DEFAULT 'America/Mexico_City' CHECK (btrim(time_zone) <> '');
      CREATE UNIQUE INDEX institutions_one_default_uq ON institutions ((true)) WHERE is_default;

      -- The default: the institution the documents' name setting names, else the one with most programs. A database
      -- without institutions (a new deployment) gets one to rename: part of the schema's bootstrap, so not in the bitácora,
      -- which starts with the first act of a user or of the system.
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM institutions) THEN
          UPDATE institutions SET is_default = true WHERE id = (
            SELECT i.id FROM institutions i
             ORDER BY (i.name = (SELECT value #>> '{}' FROM settings WHERE key = 'institucion.nombre')) IS TRUE DESC,
                      (SELECT count(*) FROM programs p WHERE p.institution_id = i.id) DESC, i.created_at, i.id
             LIMIT 1);
        ELSE
          ALTER TABLE institutions DISABLE TRIGGER institutions_audit;
          INSERT INTO institutions (acronym, name, is_default)
            VALUES ('INST', COALESCE((SELECT value #>> '{}' FROM settings WHERE key = 'institucion.nombre'), 'Institución'), true);
          ALTER TABLE institutions ENABLE TRIGGER institutions_audit;
        END IF;
      END $$;

      CREATE FUNCTION default_institution_id() RETURNS uuid LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp
        AS $$ SELECT id FROM institutions WHERE is_default $$;

      ALTER TABLE users ADD COLUMN institution_id uuid REFERENCES institutions(id);
      UPDATE users SET institution_id = default_institution_id();
      ALTER TABLE users ALTER COLUMN institution_id SET DEFAULT default_institution_id(), ALTER COLUMN institution_id SET NOT NULL;
      CREATE INDEX users_institution_idx ON users (institution_id);
      ALTER TABLE users DROP CONSTRAINT users_roles_check;
      ALTER TABLE users ADD CONSTRAINT users_roles_check
        CHECK (roles <@ ARRAY['administrador','evaluacion','coordinador','responsable','consulta','consulta_global']::text[]);

      ALTER TABLE areas ADD COLUMN institution_id uuid REFERENCES institutions(id);
      UPDATE areas SET institution_id = default_institution_id();
      ALTER TABLE areas ALTER COLUMN institution_id SET DEFAULT default_institution_id(), ALTER COLUMN institution_id SET NOT NULL;
      CREATE INDEX areas_institution_idx ON areas (institution_id);

      ALTER TABLE cortes ADD COLUMN institution_id uuid REFERENCES institutions(id);
      UPDATE cortes SET institution_id = default_institution_id();
      ALTER TABLE cortes ALTER COLUMN institution_id SET DEFAULT default_institution_id(), ALTER COLUMN institution_id SET NOT NULL;
      ALTER TABLE cortes DROP CONSTRAINT cortes_month_uq;
      ALTER TABLE cortes ADD CONSTRAINT cortes_month_uq UNIQUE (institution_id, year, month);
      DROP INDEX cortes_one_open_uq;
      CREATE UNIQUE INDEX cortes_one_open_uq ON cortes (institution_id) WHERE status = 'abierto';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX cortes_one_open_uq;
      CREATE UNIQUE INDEX cortes_one_open_uq ON cortes ((true)) WHERE status = 'abierto';
      ALTER TABLE cortes DROP CONSTRAINT cortes_month_uq;
      ALTER TABLE cortes ADD CONSTRAINT cortes_month_uq UNIQUE (year, month);
      ALTER TABLE cortes DROP COLUMN institution_id;
      ALTER TABLE areas DROP COLUMN institution_id;
      ALTER TABLE users DROP CONSTRAINT users_roles_check;
      ALTER TABLE users ADD CONSTRAINT users_roles_check
        CHECK (roles <@ ARRAY['administrador','evaluacion','coordinador','responsable','consulta']::text[]);
      ALTER TABLE users DROP COLUMN institution_id;
      DROP FUNCTION default_institution_id();
      DROP INDEX institutions_one_default_uq;
      ALTER TABLE institutions DROP COLUMN is_default, DROP COLUMN time_zone;
    `);
  }
}
