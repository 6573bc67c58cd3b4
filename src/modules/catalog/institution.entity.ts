import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Dependencia o entidad (e.g. IMSS). */
@Entity('institutions')
export class Institution {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  acronym: string;

  @Column('text')
  name: string;

  /** The deployment's default institution: rows written without naming one (importers, seed) belong to it. */
  @Column('boolean')
  isDefault: boolean;

  /** IANA time zone of the institution's dates (a prórroga's "today"). */
  @Column('text')
  timeZone: string;

  @Column('integer')
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
