import { DynamicModule, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { RedisProbe } from './modules/health/redis-probe';

@Injectable()
class WorkerReady implements OnApplicationBootstrap {
  private readonly logger = new Logger('Worker');

  constructor(private readonly redis: RedisProbe) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.redis.ping(5000);
    this.logger.log('Worker conectado a Redis y en espera de trabajos.');
  }
}

/** The job process: no HTTP server; processors and schedules are registered here only. */
@Module({})
export class WorkerModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config)],
      providers: [RedisProbe, WorkerReady],
    };
  }
}
