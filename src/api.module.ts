import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { ActionController } from './modules/asm/action.controller';
import { AsmController } from './modules/asm/asm.controller';
import { AreasController } from './modules/catalog/areas.controller';
import { CyclesController } from './modules/catalog/cycles.controller';
import { EvaluationsController } from './modules/catalog/evaluations.controller';
import { InstitutionsController } from './modules/catalog/institutions.controller';
import { ProgramsController } from './modules/catalog/programs.controller';
import { HealthController } from './modules/health/health.controller';
import { RedisProbe } from './modules/health/redis-probe';

/** The HTTP process: every controller is mounted here and only here. */
@Module({})
export class ApiModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(config)],
      controllers: [
        HealthController,
        InstitutionsController,
        ProgramsController,
        AreasController,
        CyclesController,
        EvaluationsController,
        AsmController,
        ActionController,
      ],
      providers: [RedisProbe, { provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
