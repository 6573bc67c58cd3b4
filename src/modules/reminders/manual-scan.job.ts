import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { JobHandler, QueuedJob } from '../../queue/jobs';
import { JobData, JOBS, QUEUES } from '../../queue/queue.names';
import { ReminderScanService, ScanResult } from './reminder-scan.service';

/** A scan a person asked for (POST /api/v1/reminders/run): the day they chose, today by default. */
@JobHandler({ queue: QUEUES.reminders, name: JOBS.manualScan })
@Injectable()
export class ManualScanJob implements QueuedJob<typeof JOBS.manualScan> {
  constructor(
    private readonly scan: ReminderScanService,
    private readonly clock: Clock,
  ) {}

  handle(data: JobData[typeof JOBS.manualScan]): Promise<ScanResult> {
    return this.scan.run(data.date ?? this.clock.today(), 'manual');
  }
}
