import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An uploaded proof file. Never overwritten or hard-deleted; withdrawing is recorded. */
@Entity('evidence_files')
export class EvidenceFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bigint' })
  sizeBytes: number;

  @Column('text')
  mimeType: string;

  @Column('text')
  displayName: string;

  @Column('text')
  storageBackend: 'disk' | 's3';

  @Column('text')
  storageKey: string;

  @Column({ type: 'uuid', nullable: true })
  actionId: string | null;

  @Column({ type: 'uuid', nullable: true })
  avanceId: string | null;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @Column({ type: 'timestamptz' })
  uploadedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason: string | null;

  @Column('integer')
  version: number;
}
