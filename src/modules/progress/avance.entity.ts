import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const AVANCE_STATUSES = ['borrador', 'enviado', 'aprobado', 'devuelto'] as const;
export type AvanceStatus = (typeof AVANCE_STATUSES)[number];

/** Progress report of one action for one corte. Only an approved one changes the action's %. */
@Entity('avances')
export class Avance {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  actionId: string;

  @Column('uuid')
  corteId: string;

  @Column('smallint')
  percent: number;

  @Column({ type: 'text', nullable: true })
  observations: string | null;

  @Column({ type: 'text', nullable: true })
  proofDocumentName: string | null;

  @Column({ type: 'text', nullable: true })
  proofDocumentLocation: string | null;

  @Column({ type: 'text', nullable: true })
  decreaseJustification: string | null;

  @Column('text')
  status: AvanceStatus;

  @Column({ type: 'text', nullable: true })
  returnReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column('integer')
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
