import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A follow-up of a committed change, waiting to be relayed to the queue. */
@Entity('outbox')
export class OutboxEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column('text')
  eventType: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** When the worker turned it into notices (the delivery log holds them from then on). */
  @Column({ type: 'timestamptz', nullable: true })
  handledAt: Date | null;

  @Column('integer')
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
