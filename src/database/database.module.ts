import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions({
          url: config.get('DATABASE_URL'),
          poolSize: config.get('DATABASE_POOL_SIZE'),
          idleTransactionTimeoutMs: config.get('DATABASE_IDLE_TRANSACTION_TIMEOUT_MS'),
        }),
        // Keep retrying at boot: a database that starts a few seconds later is normal in compose.
        retryAttempts: 10,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [UnitOfWork],
  exports: [UnitOfWork],
})
export class DatabaseModule {}
