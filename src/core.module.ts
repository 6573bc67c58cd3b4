import { DynamicModule, Module } from '@nestjs/common';
import { BusinessCalendarService } from './common/business-calendar';
import { Clock } from './common/clock';
import { OutboxService } from './queue/outbox.service';
import { LoggingModule } from './common/logging.module';
import { MetricsModule } from './common/metrics/metrics.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AsmModule } from './modules/asm/asm.module';
import { AuditModule } from './modules/audit/audit.module';
import { EvidenceModule } from './modules/evidence/evidence.module';
import { IdentityModule } from './modules/identity/identity.module';
import { IntakeModule } from './modules/intake/intake.module';
import { ProgressModule } from './modules/progress/progress.module';
import { ReportingModule } from './modules/reporting/reporting.module';
import { SettingsModule } from './modules/settings/settings.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { QueueModule } from './queue/queue.module';
import { Global } from '@nestjs/common';

/** Small services every module uses: the clock, the business-day calendar, the outbox. */
@Global()
@Module({ providers: [Clock, BusinessCalendarService, OutboxService], exports: [Clock, BusinessCalendarService, OutboxService] })
class SharedModule {}

/** The feature modules: imported by the core and exported to whatever imports it. */
const FEATURE_MODULES = [
  IdentityModule,
  AuditModule,
  CatalogModule,
  AsmModule,
  SettingsModule,
  ReportingModule,
  ProgressModule,
  EvidenceModule,
  RemindersModule,
  IntakeModule,
];

/** What both processes share: configuration, logs, database, queue connection and the feature modules. */
@Module({})
export class CoreModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, QueueModule, MetricsModule, SharedModule, ...FEATURE_MODULES],
      exports: FEATURE_MODULES,
    };
  }
}

@Module({})
class ToolsModule {}

/** The shared services without an HTTP server or job processors: seeding, the command line, tests. */
export function toolsModule(config?: AppConfig): DynamicModule {
  return { module: ToolsModule, imports: [CoreModule.forRoot(config)] };
}
