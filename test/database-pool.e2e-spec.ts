import { appForTests, Client } from './support/app';
import { until } from './support/wait';

/*
 * The API keeps its PostgreSQL connections through quiet spells (0052). pg closes a pooled connection after
 * 10 s idle by default, and the first requests after any pause then waited for new backends, their
 * authentication and their prepared statements: the first list after 15 s idle took 80-111 ms instead of ~11,
 * and a 32-connection load after 20 s idle had a p99 2.5-3× that of one without the pause.
 * A connection PostgreSQL ends while idle must still cost no request.
 */
const PG_DEFAULT_IDLE_MS = 10_000;

interface Backend {
  pid: number;
  started: string;
}

describe('the pool keeps its connections through a quiet spell', () => {
  const t = appForTests();
  let responsable: Client;

  const backends = async (): Promise<Backend[]> =>
    (
      await t.db.query<Backend>(
        `SELECT pid, backend_start::text AS started FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'asm-seguimiento' ORDER BY pid`,
      )
    ).rows;

  beforeAll(async () => {
    responsable = await t.as(await t.user({ roles: ['responsable'] }));
  });

  it('serves the request after more than 10 s idle on the same backends, without opening new ones', async () => {
    await responsable.get('/api/v1/actions?pageSize=50').expect(200);
    const before = await backends();
    expect(before.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, PG_DEFAULT_IDLE_MS + 1500));
    expect(await backends()).toEqual(before);
    await responsable.get('/api/v1/actions?pageSize=50').expect(200);
    const after = await backends();
    // The same connections answered: none closed, none made for the request after the spell.
    expect(after).toEqual(before);
  }, 30_000);

  it('drops a connection PostgreSQL ended while idle and answers every request all the same', async () => {
    await responsable.get('/api/v1/actions?pageSize=50').expect(200);
    const [victim] = await backends();
    await t.db.query('SELECT pg_terminate_backend($1)', [victim.pid]);
    await until('PostgreSQL ends the backend', async () => !(await backends()).some((b) => b.pid === victim.pid));
    for (let i = 0; i < 5; i++) await responsable.get('/api/v1/actions?pageSize=50').expect(200);
    expect((await backends()).some((b) => b.pid === victim.pid)).toBe(false);
  }, 30_000);
});
