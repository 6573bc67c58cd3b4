import { NestFactory } from '@nestjs/core';
import { BusinessCalendar } from '../../src/common/business-calendar';
import { AppConfig } from '../../src/config/app-config';
import { toolsModule } from '../../src/core.module';
import { ReminderScanService } from '../../src/modules/reminders/reminder-scan.service';
import { BenchContext, Measurement } from '../context';
import { count, one } from '../database';
import { fmt, say, timed } from '../util';

/** B6: the daily reminder scan, once and then by two workers at once, against one query counting the actions it covers. */
export const b6ReminderScan: Measurement = {
  id: 'B6',
  async run(ctx: BenchContext) {
    say('B6: escaneo diario de recordatorios …');
    const { owner } = ctx;
    // Digests go out on business days only (decision 0018): a run on a weekend measures the next business day's scan.
    const scanDay = new BusinessCalendar().addBusinessDays(ctx.today, 0);
    const config = new AppConfig(ctx.env);
    const baselineCount = await timed(() =>
      count(
        owner,
        `SELECT count(*)::int AS n FROM actions x JOIN asms a ON a.id = x.asm_id
          WHERE a.status IN ('comprometido', 'en_proceso') AND x.percent < 100 AND x.due_date <= $1::date + 30`,
        [scanDay],
      ),
    );
    const ctx1 = await NestFactory.createApplicationContext(toolsModule(config), { logger: false });
    const ctx2 = await NestFactory.createApplicationContext(toolsModule(config), { logger: false });
    const forget = async () => {
      await owner.query(`DELETE FROM reminder_ledger WHERE scan_date = $1`, [scanDay]);
      await owner.query(`DELETE FROM notification_log WHERE kind = 'resumen' AND digest_date = $1`, [scanDay]);
    };
    try {
      await forget();
      const run = await timed(() => ctx1.get(ReminderScanService).run(scanDay));
      // The same day's scan again from scratch, by two workers at once: together they must build the
      // same digests as one did, and nobody may get a digest, or an item, twice.
      await forget();
      const [a, b] = await Promise.all([ctx1.get(ReminderScanService).run(scanDay), ctx2.get(ReminderScanService).run(scanDay)]);
      const dup = await one<{ digests: number; items: number }>(
        owner,
        `SELECT (SELECT count(*) FROM (SELECT recipient_id, digest_date FROM notification_log WHERE kind = 'resumen' GROUP BY 1, 2 HAVING count(*) > 1) d)::int AS digests,
                (SELECT count(*) FROM (SELECT 1 FROM reminder_ledger GROUP BY recipient_id, item_type, item_id, reason, occurrence HAVING count(*) > 1) l)::int AS items`,
      );
      const duplicates = dup.digests + dup.items;
      const together = a.digests + b.digests;
      return {
        id: 'B6',
        what: `Escaneo diario de recordatorios (${fmt(run.result.digests)} resúmenes, ${fmt(run.result.items)} asuntos)`,
        measured: `${fmt(run.ms)} ms construidos y encolados; 2 workers a la vez: ${fmt(together)} resúmenes (${fmt(a.digests)} + ${fmt(b.digests)}), ${duplicates} duplicados`,
        baseline: `${fmt(baselineCount.ms)} ms (una consulta que cuenta ${fmt(baselineCount.result)} acciones por vencer o vencidas)`,
        ratio: run.ms / baselineCount.ms,
        target: '≤ 10 s ; 0 duplicados con 2 workers',
        pass: run.ms <= 10_000 && duplicates === 0 && together === run.result.digests,
      };
    } finally {
      await ctx1.close();
      await ctx2.close();
    }
  },
};
