import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Unidad administrativa: coordinating or responsible area. */
@Entity('areas')
export class Area {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** Normalised name (common/text.ts nameKey); unique. */
  @Column('text')
  nameKey: string;

  @Column({ type: 'text', nullable: true })
  acronym: string | null;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column('boolean')
  active: boolean;

  @Column('integer')
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
