import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Institution } from './institution.entity';

/** Programa presupuestario: ramo + modalidad + clave; printed as "S-038 Programa IMSS-BIENESTAR". */
@Entity('programs')
export class Program {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  institutionId: string;

  @ManyToOne(() => Institution)
  @JoinColumn({ name: 'institution_id' })
  institution?: Institution;

  @Column({ type: 'varchar', length: 3 })
  ramoCode: string;

  @Column({ type: 'char', length: 1 })
  modality: string;

  @Column({ type: 'varchar', length: 3 })
  code: string;

  /** Current name; the history lives in program_names. */
  @Column('text')
  name: string;

  @Column('integer')
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The key as the official format prints it: modality, hyphen, clave ("S-038"); a transversal evaluation's key alone ("0002"). */
export function programKey(p: { modality: string; code: string }): string {
  return p.modality ? `${p.modality}-${p.code}` : p.code;
}
