import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { JobHandler, QueuedJob } from '../../queue/jobs';
import { JOBS, QUEUES } from '../../queue/queue.names';
import { ReminderScanService, ScanResult } from './reminder-scan.service';

/** The daily reminder scan, started by its BullMQ job scheduler (registered by the outbox relay job). */
@JobHandler({ queue: QUEUES.reminders, name: JOBS.dailyScan })
@Injectable()
export class DailyScanJob implements QueuedJob<typeof JOBS.dailyScan> {
  constructor(
    private readonly scan: ReminderScanService,
    private readonly clock: Clock,
  ) {}

  handle(): Promise<ScanResult> {
    return this.scan.run(this.clock.today(), 'programado');
  }
}
