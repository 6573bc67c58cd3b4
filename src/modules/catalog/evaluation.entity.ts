import { Column, CreateDateColumn, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Program } from './program.entity';

export const COORDINATING_INSTANCES = ['CONEVAL', 'SHCP', 'SFP'] as const;
export type CoordinatingInstance = (typeof COORDINATING_INSTANCES)[number];

/** Evaluación externa / informe: the source of ASMs. */
@Entity('evaluations')
export class Evaluation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The publisher's id (SHCP ID_EVALUACION), when imported. */
  @Column({ type: 'text', nullable: true })
  externalId: string | null;

  @Column('text')
  title: string;

  @Column('text')
  evaluationType: string;

  @Column({ type: 'integer', nullable: true })
  paeYear: number | null;

  @Column({ type: 'text', nullable: true })
  evaluator: string | null;

  @Column('text')
  coordinatingInstance: CoordinatingInstance;

  @Column({ type: 'uuid', nullable: true })
  reportFileId: string | null;

  @ManyToMany(() => Program)
  @JoinTable({ name: 'evaluation_programs', joinColumn: { name: 'evaluation_id' }, inverseJoinColumn: { name: 'program_id' } })
  programs?: Program[];

  @Column('integer')
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
