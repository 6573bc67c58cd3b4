import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { execute, select } from '../../database/sql';

/** Upload slots (leases) per user, shared by every API replica (upload_slots). */
@Injectable()
export class UploadSlotsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Takes a slot for the user lasting `leaseSeconds` if fewer than `max` live ones are taken: its id, or
   * undefined. The user's expired slots are dropped first; the user's takers queue on an advisory lock,
   * so two replicas cannot both see a free slot and both take it.
   */
  take(userId: string, max: number, leaseSeconds: number): Promise<string | undefined> {
    return this.ds.transaction(async (em) => {
      await execute(em, `SELECT pg_advisory_xact_lock(hashtextextended('upload_slots:' || $1, 0))`, [userId]);
      await execute(em, `DELETE FROM upload_slots WHERE user_id = $1 AND expires_at < now()`, [userId]);
      const [slot] = await select<{ id: string }>(
        em,
        `INSERT INTO upload_slots (user_id, expires_at)
         SELECT $1, now() + make_interval(secs => $3) WHERE (SELECT count(*) FROM upload_slots WHERE user_id = $1) < $2
         RETURNING id`,
        [userId, max, leaseSeconds],
      );
      return slot?.id;
    });
  }

  async renew(id: string, leaseSeconds: number): Promise<void> {
    await execute(this.ds, `UPDATE upload_slots SET expires_at = now() + make_interval(secs => $2) WHERE id = $1`, [id, leaseSeconds]);
  }

  async release(id: string): Promise<void> {
    await execute(this.ds, `DELETE FROM upload_slots WHERE id = $1`, [id]);
  }
}
