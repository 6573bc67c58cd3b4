import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, execute, select, selectOne } from '../../database/sql';

/** Settings changed at run time (one JSON value per key). */
@Injectable()
export class SettingsRepository {
  constructor(private readonly ds: DataSource) {}

  /** The values set among `keys` (a key never set is absent). */
  values(keys: readonly string[]): Promise<{ key: string; value: unknown }[]> {
    return select<{ key: string; value: unknown }>(this.ds, `SELECT key, value FROM settings WHERE key = ANY($1)`, [keys]);
  }

  async has(key: string): Promise<boolean> {
    return (await execute(this.ds, `SELECT 1 FROM settings WHERE key = $1`, [key])).rows.length > 0;
  }

  /** Sets the key's value (bumping its version when it was set). */
  async put(db: Db, key: string, value: unknown): Promise<void> {
    await execute(
      db,
      `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = settings.version + 1, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }

  /** Records when something happened once (the key must not be set yet): its value is the time. */
  async stamp(key: string): Promise<void> {
    await execute(this.ds, `INSERT INTO settings (key, value) VALUES ($1, to_jsonb(now()))`, [key]);
  }

  /** The name of the institution `id` names (null: the default one) and whether it is the default. */
  institution(id: string | null): Promise<{ name: string; isDefault: boolean } | undefined> {
    return selectOne<{ name: string; isDefault: boolean }>(
      this.ds,
      `SELECT name, is_default AS "isDefault" FROM institutions WHERE id = COALESCE($1::uuid, default_institution_id())`,
      [id],
    );
  }
}
