import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const AVANCE_EVENTS = ['creado', 'editado', 'enviado', 'devuelto', 'aprobado', 'evidencia_agregada', 'evidencia_retirada'] as const;
export type AvanceEventName = (typeof AVANCE_EVENTS)[number];

/** The readable history of an avance (append-only). */
@Entity('avance_events')
export class AvanceEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: number;
  @Column('uuid') avanceId: string;
  @Column({ type: 'timestamptz' }) occurredAt: Date;
  @Column({ type: 'uuid', nullable: true }) actorId: string | null;
  @Column('text') event: AvanceEventName;
  @Column({ type: 'smallint', nullable: true }) percent: number | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
}
