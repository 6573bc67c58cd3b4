import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxRepository } from './outbox.repository';
import { OutboxEventType, OutboxPayloads } from './outbox.types';

export type { OutboxEventType } from './outbox.types';

/**
 * Writes to the outbox inside the caller's transaction, so the follow-up exists
 * exactly when the change does; the worker relays it to the queue. Redis being
 * down never loses one.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly outbox: OutboxRepository) {}

  async add<K extends OutboxEventType>(em: EntityManager, type: K, payload: OutboxPayloads[K]): Promise<void> {
    await this.outbox.add(em, type, payload);
  }

  /** See OutboxRepository.insertFrom: the insert to embed in a producer's own statement. */
  static insertFrom(from: string, typeParam: string, payloadParam: string): string {
    return OutboxRepository.insertFrom(from, typeParam, payloadParam);
  }
}
