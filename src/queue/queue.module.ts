import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

/** The BullMQ connection shared by the API (enqueues) and the worker (processes). */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.get('REDIS_URL'), maxRetriesPerRequest: null },
        prefix: config.get('QUEUE_PREFIX'),
      }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
