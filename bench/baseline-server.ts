import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';

/*
 * The baseline of B4 and B5: a minimal node:http server that runs the
 * equivalent SQL with pg, without framework, authentication or validation.
 * Its statements are prepared (named), as the API's hot paths are, so that the
 * ratio measures what the product adds, not a difference in SQL execution.
 *   GET  /actions?areas=<uuid>&institution=<uuid>   one page (50) of an area's actions, like GET /api/v1/actions
 *   POST /submit/<avanceId>             the same writes as submitting an avance, in one transaction
 */
// The API's pool policy: as many connections and none closed for being idle (src/database/data-source-options.ts).
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10), idleTimeoutMillis: 0 });

/**
 * The same single statement as GET /api/v1/actions for a user of an institution with one responsible area: the
 * page, its total and its rows (the actions of the area in the user's institution, 0033).
 */
const LIST = `WITH page AS MATERIALIZED (
    SELECT ac.id, ac.asm_id, count(*) OVER () AS total FROM actions ac
     WHERE (SELECT ip.institution_id FROM asms ia JOIN programs ip ON ip.id = ia.program_id WHERE ia.id = ac.asm_id) = $2
       AND ac.id IN (SELECT xa.action_id FROM action_areas xa WHERE xa.area_id = ANY($1::uuid[]))
     ORDER BY ac.due_date NULLS LAST, ac.id LIMIT 50 OFFSET 0)
  SELECT s.status AS "asmStatus", page.total, ac.id, ac.asm_id AS "asmId", ac.version, ac.position, ac.description, ac.due_date AS "dueDate",
         ac.original_due_date AS "originalDueDate", ac.expected_results AS "expectedResults", ac.products, ac.percent,
         ac.proof_document_name AS "proofDocumentName", ac.proof_document_location AS "proofDocumentLocation", ac.observations, ac.weight::float8 AS weight,
         COALESCE(json_agg(json_build_object('id', ar.id, 'name', ar.name) ORDER BY aa.position) FILTER (WHERE ar.id IS NOT NULL), '[]') AS "responsibleAreas"
    FROM page JOIN asms s ON s.id = page.asm_id JOIN actions ac ON ac.id = page.id LEFT JOIN action_areas aa ON aa.action_id = ac.id LEFT JOIN areas ar ON ar.id = aa.area_id
   GROUP BY page.id, page.total, s.status, ac.id
   ORDER BY ac.due_date NULLS LAST, ac.id`;

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/actions') {
      const { rows } = await pool.query<{ total: string }>({
        name: 'list',
        text: LIST,
        values: [[url.searchParams.get('areas')], url.searchParams.get('institution')],
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: rows, total: Number(rows[0]?.total ?? 0) }));
      return;
    }
    const m = /^\/submit\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (req.method === 'POST' && m) {
      for await (const _ of req) void _;
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const { rows } = await c.query<{ action_id: string; corte_id: string; percent: number }>({
          name: 'lock',
          text: `SELECT action_id, corte_id, percent FROM avances WHERE id = $1 FOR UPDATE`,
          values: [m[1]],
        });
        await c.query({
          name: 'submit',
          text: `UPDATE avances SET status = 'enviado', submitted_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
          values: [m[1]],
        });
        await c.query({
          name: 'event',
          text: `INSERT INTO avance_events (avance_id, event, percent) VALUES ($1, 'enviado', $2)`,
          values: [m[1], rows[0].percent],
        });
        await c.query({
          name: 'outbox',
          text: `INSERT INTO outbox (event_type, payload) VALUES ('avance.enviado', $1)`,
          values: [{ avanceId: m[1], actionId: rows[0].action_id, corteId: rows[0].corte_id }],
        });
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"enviado"}');
      return;
    }
    res.writeHead(404).end();
  } catch (err) {
    res.writeHead(500).end(String(err));
  }
}

const server = createServer((req, res) => void handle(req, res));
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
