import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('program_names')
export class ProgramName {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  programId: string;

  @Column('text')
  name: string;

  @Column('date')
  validFrom: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
