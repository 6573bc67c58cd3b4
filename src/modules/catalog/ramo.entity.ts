import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Ramo administrativo (e.g. 19 Aportaciones a Seguridad Social, 50 IMSS). */
@Entity('ramos')
export class Ramo {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  code: string;

  @Column('text')
  name: string;
}
