import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { WorkerMetricsServer } from './common/metrics/metrics.module';
import { CoreModule } from './core.module';
import { AuditAnchorScheduler } from './modules/audit/audit-anchor.scheduler';
import { RemindersWorker } from './modules/reminders/reminders.worker';

/** The job process: no HTTP server; processors and schedules are registered here only. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config)],
      providers: [RemindersWorker, AuditAnchorScheduler, WorkerMetricsServer],
    };
  }
}
