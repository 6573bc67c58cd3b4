import { Global, Module } from '@nestjs/common';
import { OutboxRepository } from './outbox.repository';
import { QueueService } from './queue.service';

/** Queue producers, shared by the API (run now) and the worker (relay, digests), and the outbox they drain. */
@Global()
@Module({ providers: [QueueService, OutboxRepository], exports: [QueueService, OutboxRepository] })
export class QueueModule {}
