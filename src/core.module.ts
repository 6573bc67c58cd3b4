import { DynamicModule, Module } from '@nestjs/common';
import { Clock } from './common/clock';
import { LoggingModule } from './common/logging.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AsmModule } from './modules/asm/asm.module';
import { AuditModule } from './modules/audit/audit.module';
import { IdentityModule } from './modules/identity/identity.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { QueueModule } from './queue/queue.module';
import { Global } from '@nestjs/common';

@Global()
@Module({ providers: [Clock], exports: [Clock] })
class ClockModule {}

/** What both processes share: configuration, logs, database, queue connection and the feature modules. */
@Module({})
export class CoreModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, QueueModule, ClockModule, IdentityModule, AuditModule, CatalogModule, AsmModule],
      exports: [IdentityModule, AuditModule, CatalogModule, AsmModule],
    };
  }
}
