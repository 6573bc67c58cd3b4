import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Action } from './action.entity';
import { Area } from '../catalog/area.entity';

/** Área responsable of an action, in the order the plan lists them. */
@Entity('action_areas')
export class ActionArea {
  @PrimaryColumn('uuid')
  actionId: string;

  @PrimaryColumn('uuid')
  areaId: string;

  @ManyToOne(() => Action, (a) => a.responsibleAreas, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: Action;

  @ManyToOne(() => Area)
  @JoinColumn({ name: 'area_id' })
  area?: Area;

  @Column('smallint')
  position: number;
}
