import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const PRORROGA_STATUSES = ['solicitada', 'aprobada', 'rechazada'] as const;
export type ProrrogaStatus = (typeof PRORROGA_STATUSES)[number];

/** Request to move an action's fecha de término. */
@Entity('prorrogas')
export class Prorroga {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  actionId: string;

  @Column('date')
  previousDueDate: string;

  @Column('date')
  requestedDueDate: string;

  @Column('text')
  justification: string;

  @Column('text')
  status: ProrrogaStatus;

  @Column({ type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column('integer')
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
