import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Institution-level settings an administrator may change at run time. */
@Entity('settings')
export class Setting {
  @PrimaryColumn('text')
  key: string;

  @Column('jsonb')
  value: unknown;

  @Column('integer')
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
