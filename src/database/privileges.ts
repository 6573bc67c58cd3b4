import { Client } from 'pg';

/** The group role the application's login role belongs to. */
export const APP_GROUP_ROLE = 'asm_app_rw';

/**
 * The application's database role may read and write the domain, but the
 * bitácora only through the audit trigger (which runs as the owner), and the
 * snapshots of closed cuts only by appending. Re-applied after every migration
 * run, so tables added later get the same grants.
 *
 * Nobody but the owner creates objects in this database: no temporary tables
 * (which PostgreSQL would resolve before public ones), no schemas, nothing in
 * public. Database privileges live outside the database (a copy made with
 * CREATE DATABASE … TEMPLATE starts without them), which is one more reason
 * to apply them on every run. See docs/decisions/0015-trust-boundaries.md.
 */
export async function applyPrivileges(owner: Client): Promise<void> {
  await owner.query(`
    DO $$ BEGIN
      CREATE ROLE ${APP_GROUP_ROLE} NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$;
    GRANT USAGE ON SCHEMA public TO ${APP_GROUP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_GROUP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_GROUP_ROLE};
    REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${APP_GROUP_ROLE};
    REVOKE INSERT, UPDATE, DELETE ON audit_events FROM ${APP_GROUP_ROLE};
    REVOKE UPDATE, DELETE ON corte_snapshot_rows FROM ${APP_GROUP_ROLE};
    REVOKE UPDATE, DELETE ON avance_events FROM ${APP_GROUP_ROLE};
    REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM ${APP_GROUP_ROLE};
    REVOKE INSERT, UPDATE, DELETE ON audit_anchors FROM ${APP_GROUP_ROLE};
    REVOKE UPDATE, DELETE ON corte_document_revisions FROM ${APP_GROUP_ROLE};
    GRANT EXECUTE ON FUNCTION audit_anchor(text, text) TO ${APP_GROUP_ROLE};
    DO $$ BEGIN
      EXECUTE format('REVOKE TEMPORARY, CREATE ON DATABASE %I FROM PUBLIC, ${APP_GROUP_ROLE}', current_database());
      -- PostgreSQL 15 no longer grants CREATE on public to PUBLIC; older databases (and restored dumps) may.
      -- Revoked only when the owner keeps its own right to create there.
      IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
         OR pg_has_role(current_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'public'), 'MEMBER') THEN
        REVOKE CREATE ON SCHEMA public FROM PUBLIC;
      END IF;
    END $$;
  `);
}

/**
 * Makes the login role of DATABASE_URL a member of the application group
 * (creating it with the URL's password when missing). Skipped when the URL's
 * user is the owner itself, as in a single-role development database.
 */
export async function ensureAppLogin(owner: Client, appDatabaseUrl: string): Promise<string | undefined> {
  const u = new URL(appDatabaseUrl);
  const user = decodeURIComponent(u.username);
  const { rows } = await owner.query<{ current_user: string }>('SELECT current_user');
  if (!user || user === rows[0].current_user) return undefined;
  const ident = (await owner.query<{ q: string }>('SELECT quote_ident($1) AS q', [user])).rows[0].q;
  const exists = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
  if (!exists.rowCount) {
    const password = decodeURIComponent(u.password);
    const literal = password ? (await owner.query<{ q: string }>('SELECT quote_literal($1) AS q', [password])).rows[0].q : 'NULL';
    await owner.query(`CREATE ROLE ${ident} LOGIN PASSWORD ${literal}`).catch((err: { code?: string }) => {
      if (err.code !== '42710' && err.code !== '23505') throw err;
    });
  }
  await owner.query(`GRANT ${APP_GROUP_ROLE} TO ${ident}`);
  return user;
}
