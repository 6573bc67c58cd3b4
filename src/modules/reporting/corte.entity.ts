import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CORTE_STATUSES = ['programado', 'abierto', 'cerrado'] as const;
export type CorteStatus = (typeof CORTE_STATUSES)[number];

/** Reporting cut (Marzo / Septiembre of a year). */
@Entity('cortes')
export class Corte {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('integer')
  year: number;

  @Column('integer')
  month: number;

  @Column('date')
  cutoffDate: string;

  @Column('date')
  submissionDeadline: string;

  @Column('text')
  status: CorteStatus;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  closedBy: string | null;

  /** Rows frozen in the snapshot when the cut closed. */
  @Column({ type: 'integer', nullable: true })
  snapshotRows: number | null;

  @Column('integer')
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

const MONTHS = ['Enero', 'Febrero', 'Marzo', 'Abril', 'Mayo', 'Junio', 'Julio', 'Agosto', 'Septiembre', 'Octubre', 'Noviembre', 'Diciembre'];

/** "Septiembre-2022": the Mes y Año column of the official format. */
export function monthYearLabel(month: number, year: number): string {
  return `${MONTHS[month - 1]}-${year}`;
}
