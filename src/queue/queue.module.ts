import { Global, Module } from '@nestjs/common';
import { QueueService } from './queue.service';

/** Queue producers, shared by the API (run now) and the worker (relay, digests). */
@Global()
@Module({ providers: [QueueService], exports: [QueueService] })
export class QueueModule {}
