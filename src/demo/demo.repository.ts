import { Db, execute } from '../database/sql';

/**
 * The one statement of the demo that no module's service offers: the sample is a snapshot of history,
 * so each ASM is set to the state it had at the September 2022 cut (concluded in that cut, or in
 * progress) without replaying the approvals that took it there.
 */
export async function recordSampleAsmState(db: Db, asmId: string, concluded: boolean, corteId: string): Promise<void> {
  await execute(
    db,
    `UPDATE asms SET status = $2, concluded_at = CASE WHEN $3 THEN '2022-09-30T23:59:59-06:00'::timestamptz END,
            concluded_corte_id = CASE WHEN $3 THEN $4::uuid END, version = version + 1 WHERE id = $1`,
    [asmId, concluded ? 'concluido' : 'en_proceso', concluded, corteId],
  );
}
