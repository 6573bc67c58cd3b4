import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Periodo / ciclo of the mechanism, e.g. "2021-2022". Immutable once created. */
@Entity('cycles')
export class Cycle {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 9 })
  label: string;

  @Column('integer')
  startYear: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
