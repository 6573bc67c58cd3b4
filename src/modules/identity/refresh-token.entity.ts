import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A refresh token, stored only as its SHA-256. Tokens of one login form a family. */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('uuid') familyId: string;
  @Column({ type: 'char', length: 64 }) tokenHash: string;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'text', nullable: true }) revokeReason: string | null;
  @Column({ type: 'text', nullable: true }) ipAddress: string | null;
  @Column({ type: 'text', nullable: true }) userAgent: string | null;
}

/** Failed-login counter of an account or an address. */
@Entity('auth_throttle')
export class AuthThrottle {
  @Column({ type: 'text', primary: true }) key: string;
  @Column('integer') failures: number;
  @Column({ type: 'timestamptz' }) windowStartedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) blockedUntil: Date | null;
}
