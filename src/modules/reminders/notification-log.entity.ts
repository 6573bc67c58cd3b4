import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const DELIVERY_STATUSES = ['en_cola', 'enviado', 'fallido_temporal', 'fallido_permanente'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Delivery log: one row per e-mail message. */
@Entity('notification_log')
export class NotificationLog {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: 'aviso' | 'resumen';

  @Column({ type: 'bigint', nullable: true })
  outboxId: number | null;

  @Column({ type: 'uuid', nullable: true })
  recipientId: string | null;

  @Column('text')
  recipientEmail: string;

  @Column('text')
  subject: string;

  @Column('text')
  status: DeliveryStatus;

  @Column('integer')
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'text', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
