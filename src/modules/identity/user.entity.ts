import { Column, CreateDateColumn, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Area } from '../catalog/area.entity';

export const ROLES = ['administrador', 'evaluacion', 'coordinador', 'responsable', 'consulta', 'consulta_global'] as const;
export type Role = (typeof ROLES)[number];

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  fullName: string;

  @Column({ type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'text', array: true })
  roles: Role[];

  /** The institution the user belongs to; a consulta_global user reads every institution. */
  @Column('uuid')
  institutionId: string;

  @Column('boolean')
  active: boolean;

  /** Bumped when a password changes or an administrator resets it: older access tokens stop working. */
  @Column('integer')
  sessionVersion: number;

  @Column({ type: 'timestamptz', nullable: true })
  passwordChangedAt: Date | null;

  /** A password someone else chose (npm run setup): the access guard allows only one's own profile and password. */
  @Column('boolean')
  mustChangePassword: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @ManyToMany(() => Area)
  @JoinTable({ name: 'user_areas', joinColumn: { name: 'user_id' }, inverseJoinColumn: { name: 'area_id' } })
  areas?: Area[];

  @Column('integer')
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
