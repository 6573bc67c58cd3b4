import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from './config/app-config';
import { WorkerMetricsServer } from './common/metrics/metrics.module';
import { CoreModule } from './core.module';
import { AuditAnchorJob } from './modules/audit/audit-anchor.job';
import { DailyScanJob } from './modules/reminders/daily-scan.job';
import { MailDeliveryJob } from './modules/reminders/mail-delivery.job';
import { ManualScanJob } from './modules/reminders/manual-scan.job';
import { MissedScanJob } from './modules/reminders/missed-scan.job';
import { NoticeJob } from './modules/reminders/notice.job';
import { OutboxRelayJob } from './modules/reminders/outbox-relay.job';
import { RecordCutDocumentsJob } from './modules/reporting/documents/record-cut-documents.job';
import { JobHost } from './queue/job-host';

/** Every job the worker runs, one class each (docs/decisions/0048-jobs.md); JobHost finds them by their decorators. */
export const WORKER_JOBS = [DailyScanJob, ManualScanJob, NoticeJob, MailDeliveryJob, RecordCutDocumentsJob, OutboxRelayJob, MissedScanJob, AuditAnchorJob];

/** The job process: no HTTP server; jobs and their host are registered here only. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config), DiscoveryModule],
      providers: [JobHost, ...WORKER_JOBS, WorkerMetricsServer],
    };
  }
}
