import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { select, selectOne } from '../../database/sql';

/** The figures the metrics read from PostgreSQL at each scrape (every statement hits a small or partially indexed set). */
@Injectable()
export class MetricsRepository {
  constructor(private readonly ds: DataSource) {}

  /** This process's connection pool (undefined before the connection is made). */
  pool(): Pool | undefined {
    return (this.ds.driver as PostgresDriver).master as Pool | undefined;
  }

  /** The outbox's backlog: rows not yet published or not yet handled, and the age in seconds of the oldest (0: none). */
  async outboxBacklog(): Promise<{ n: number; age: number }> {
    // Each condition is a partial index (outbox_pending_idx, outbox_unhandled_idx): the backlog, not the whole history.
    const row = await selectOne<{ n: number; age: number }>(
      this.ds,
      `SELECT count(*)::int AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age
         FROM outbox WHERE published_at IS NULL OR (published_at IS NOT NULL AND handled_at IS NULL)`,
    );
    return row ?? { n: 0, age: 0 };
  }

  /** Notices by delivery state (a state with none is absent). */
  mailsByState(): Promise<{ status: string; n: number }[]> {
    return select<{ status: string; n: number }>(this.ds, `SELECT status, count(*)::int AS n FROM notification_log GROUP BY status`);
  }

  /** When the last reminder scan finished, in seconds since the epoch (0: never). */
  async lastScanFinishedAt(): Promise<number> {
    const row = await selectOne<{ at: number }>(this.ds, `SELECT coalesce(extract(epoch FROM max(last_finished_at)), 0)::float AS at FROM reminder_scans`);
    return row?.at ?? 0;
  }
}
