import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Action } from './action.entity';

export const CLASSIFICATIONS = ['especifico', 'institucional', 'interinstitucional', 'intergubernamental'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** 'nd' = not determined (N/D in older SHCP records). */
export const PRIORITIES = ['alta', 'media', 'baja', 'nd'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const IMPROVEMENT_TYPES = ['corrige', 'modifica', 'reorienta', 'adiciona', 'fundamenta'] as const;
export type ImprovementType = (typeof IMPROVEMENT_TYPES)[number];

export const ASM_STATUSES = ['borrador', 'comprometido', 'en_proceso', 'concluido', 'cancelado'] as const;
export type AsmStatus = (typeof ASM_STATUSES)[number];

/** Aspecto Susceptible de Mejora. */
@Entity('asms')
export class Asm {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  /** Registration order (documents list a program's ASMs in this order). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: number;

  @Column('uuid')
  programId: string;

  @Column('uuid')
  cycleId: string;

  @Column({ type: 'uuid', nullable: true })
  evaluationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  recommendationId: string | null;

  @Column('text')
  text: string;

  @Column('text')
  classification: Classification;

  @Column({ type: 'text', nullable: true })
  priority: Priority | null;

  @Column({ type: 'text', nullable: true })
  improvementType: ImprovementType | null;

  @Column({ type: 'text', nullable: true })
  topic: string | null;

  @Column({ type: 'uuid', nullable: true })
  coordinatingAreaId: string | null;

  @Column('text')
  status: AsmStatus;

  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  concludedAt: Date | null;

  /** The cut in which the ASM reached 100 %: its last appearance in the official report. */
  @Column({ type: 'uuid', nullable: true })
  concludedCorteId: string | null;

  /** The ASM's own text folded for search (common/text.ts foldText); each action holds its own. */
  @Column({ type: 'text', select: false })
  searchText: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @OneToMany(() => Action, (a) => a.asm)
  actions?: Action[];

  @Column('integer')
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
