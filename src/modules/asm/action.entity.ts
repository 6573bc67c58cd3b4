import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Asm } from './asm.entity';
import { ActionArea } from './action-area.entity';

/** Acción a emprender (Actividad for específicos). */
@Entity('actions')
export class Action {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  asmId: string;

  @ManyToOne(() => Asm, (a) => a.actions)
  @JoinColumn({ name: 'asm_id' })
  asm?: Asm;

  @Column('integer')
  position: number;

  @Column('text')
  description: string;

  /** The description folded for search (common/text.ts foldText). */
  @Column({ type: 'text', select: false })
  searchText: string;

  /** Fecha de término in force (moves with approved prórrogas). */
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  /** Fecha de término as first committed; kept when a prórroga moves dueDate. */
  @Column({ type: 'date', nullable: true })
  originalDueDate: string | null;

  @Column({ type: 'text', nullable: true })
  expectedResults: string | null;

  @Column({ type: 'text', nullable: true })
  products: string | null;

  /** Official % = the last approved avance. */
  @Column('smallint')
  percent: number;

  @Column({ type: 'text', nullable: true })
  proofDocumentName: string | null;

  @Column({ type: 'text', nullable: true })
  proofDocumentLocation: string | null;

  @Column({ type: 'text', nullable: true })
  observations: string | null;

  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true, transformer: { to: (v: unknown) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  weight: number | null;

  @OneToMany(() => ActionArea, (aa) => aa.action)
  responsibleAreas?: ActionArea[];

  @Column('integer')
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
