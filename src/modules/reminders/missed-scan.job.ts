import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { timeIn } from '../../common/dates';
import { AppConfig } from '../../config/app-config';
import { ScheduledJob, ScheduledRun } from '../../queue/jobs';
import { ReminderScanService } from './reminder-scan.service';

/** How long after REMINDER_TIME the scheduled scan may take to start before the worker runs it itself. */
const MISSED_SCAN_GRACE_MINUTES = 5;

/**
 * The daily scan lives in Redis as a job scheduler; if Redis lost it over the
 * scheduled time, or the worker was down then, nothing would run that day.
 * Checked every RELAY_INTERVAL_MS: past REMINDER_TIME (plus a grace) with no
 * scan recorded for today, the worker runs it; every worker may notice, the
 * scan runs once.
 */
@ScheduledJob({ name: 'escaneo-pendiente', every: (config) => config.get('RELAY_INTERVAL_MS'), firstRun: 'after-ready' })
@Injectable()
export class MissedScanJob implements ScheduledRun {
  private readonly logger = new Logger('Worker');
  /** The latest day known to have had its scan (saves a query per tick). */
  private scannedDay?: string;

  constructor(
    private readonly config: AppConfig,
    private readonly scan: ReminderScanService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<void> {
    const today = this.clock.today();
    if (this.scannedDay === today) return;
    const tz = this.config.get('REMINDER_TIME_ZONE') ?? this.config.get('TIME_ZONE');
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
    // A REMINDER_TIME close to midnight still leaves its last minute of the day to notice.
    const due = Math.min(minutes(this.config.get('REMINDER_TIME')) + MISSED_SCAN_GRACE_MINUTES, 23 * 60 + 59);
    if (minutes(timeIn(tz, this.clock.now())) < due) return;
    try {
      if (!(await this.scan.ranOn(today))) {
        this.logger.warn({ date: today }, `El escaneo diario de hoy no se ejecutó a las ${this.config.get('REMINDER_TIME')}; se ejecuta ahora.`);
        await this.scan.run(today, 'recuperado');
      }
      this.scannedDay = today;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'No se pudo ejecutar el escaneo diario pendiente; se reintenta en el siguiente ciclo.');
    }
  }
}
