import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { ApiMetricsModule } from './common/metrics/metrics.module';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { ActionController } from './modules/asm/action.controller';
import { AsmController } from './modules/asm/asm.controller';
import { AreasController } from './modules/catalog/areas.controller';
import { CyclesController } from './modules/catalog/cycles.controller';
import { EvaluationsController } from './modules/catalog/evaluations.controller';
import { InstitutionsController } from './modules/catalog/institutions.controller';
import { ProgramsController } from './modules/catalog/programs.controller';
import { AuditController } from './modules/audit/audit.controller';
import { EvidenceController } from './modules/evidence/evidence.controller';
import { AvancesController } from './modules/progress/avances.controller';
import { ProrrogasController } from './modules/progress/prorrogas.controller';
import { CortesController } from './modules/reporting/cortes.controller';
import { DocumentsController } from './modules/reporting/documents/documents.controller';
import { ImportsController } from './modules/intake/imports.controller';
import { SettingsController } from './modules/settings/settings.controller';
import { RemindersController } from './modules/reminders/reminders.controller';
import { HealthController } from './modules/health/health.controller';
import { AccessGuard } from './modules/identity/auth/auth.guard';
import { AuthController } from './modules/identity/auth/auth.controller';
import { LocalStrategy } from './modules/identity/auth/local.strategy';
import { UsersController } from './modules/identity/users.controller';
import { RedisProbe } from './modules/health/redis-probe';
import { BrowserSessionController } from './modules/identity/auth/browser-session.controller';
import { WorklistController } from './modules/worklist/worklist.controller';
import { WorklistModule } from './modules/worklist/worklist.module';
import { ClientConfigController } from './web/client-config.controller';

/** Every controller of the API; the authorization matrix test reads its route table from here. */
export const API_CONTROLLERS = [
  HealthController,
  AuthController,
  BrowserSessionController,
  ClientConfigController,
  UsersController,
  AuditController,
  InstitutionsController,
  ProgramsController,
  AreasController,
  CyclesController,
  EvaluationsController,
  AsmController,
  ActionController,
  CortesController,
  AvancesController,
  EvidenceController,
  ProrrogasController,
  DocumentsController,
  ImportsController,
  SettingsController,
  RemindersController,
  WorklistController,
];

/** The HTTP process: every controller is mounted here and only here. */
@Module({})
export class ApiModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(config), ApiMetricsModule, WorklistModule],
      controllers: API_CONTROLLERS,
      providers: [
        // passport keeps strategies in a process-wide registry: only the HTTP process registers them.
        LocalStrategy,
        RedisProbe,
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
