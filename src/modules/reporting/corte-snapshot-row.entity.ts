import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One frozen row of a closed corte (one action of one ASM). Never updated. */
@Entity('corte_snapshot_rows')
export class CorteSnapshotRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column('uuid') corteId: string;
  @Column('uuid') asmId: string;
  @Column({ type: 'uuid', nullable: true }) actionId: string | null;
  @Column({ type: 'varchar', length: 9 }) cycleLabel: string;
  @Column('integer') cycleStartYear: number;
  @Column('text') classification: string;
  @Column('uuid') programId: string;
  @Column('text') programKey: string;
  @Column('text') programName: string;
  @Column('text') asmText: string;
  @Column('text') asmStatus: string;
  @Column('text') coordinatingArea: string;
  @Column({ type: 'integer', nullable: true }) actionPosition: number | null;
  @Column('text') actionDescription: string;
  @Column('text') responsibleAreas: string;
  @Column({ type: 'date', nullable: true }) dueDate: string | null;
  @Column({ type: 'date', nullable: true }) originalDueDate: string | null;
  @Column('text') expectedResults: string;
  @Column('text') products: string;
  @Column({ type: 'smallint', nullable: true }) percent: number | null;
  @Column('text') proofDocumentName: string;
  @Column('text') proofDocumentLocation: string;
  @Column('text') observations: string;
  @Column('text') monthYear: string;
  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true }) promedio: string | null;
  @Column('integer') rowOrder: number;
  @Column({ type: 'uuid', nullable: true }) coordinatingAreaId: string | null;
  @Column({ type: 'uuid', array: true }) responsibleAreaIds: string[];
  /** ASM-level fields of the open-data layout (ramo, institution, priority, …). */
  @Column('jsonb') extra: Record<string, unknown>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
