import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One link of the append-only, hash-chained bitácora. */
@Entity('audit_events')
export class AuditEvent {
  @PrimaryColumn({ type: 'bigint' })
  seq: number;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', array: true })
  actorRoles: string[];

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  ipAddress: string | null;

  @Column('text')
  entity: string;

  @Column('text')
  entityId: string;

  @Column('text')
  operation: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  /** The database login that made the change (session_user), from the connection itself. */
  @Column({ type: 'text', nullable: true })
  dbRole: string | null;

  /** The client address PostgreSQL saw for that connection ('local' for a Unix socket). */
  @Column({ type: 'text', nullable: true })
  dbClient: string | null;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
