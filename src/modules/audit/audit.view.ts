import { ApiProperty } from '@nestjs/swagger';
import { IntProp, TextArrayProp, TextProp, TimestampProp, UuidProp } from '../../common/http/view-properties';
import type { AuditEvent } from './audit.repository';

const JSON_OBJECT = { type: 'object', additionalProperties: true, nullable: true } as const;

/** One event of the bitácora as GET /api/v1/audit returns it (see catalog.view.ts for how this class stays equal to the repository's type). */
export class AuditEventView implements AuditEvent {
  @IntProp({ minimum: 1, description: 'Posición en la cadena.' }) seq: number;
  @TimestampProp() occurredAt: Date;
  @UuidProp({ nullable: true }) actorId: string | null;
  @TextProp({ nullable: true, format: 'email' }) actorEmail: string | null;
  @TextArrayProp({ description: 'Roles de quien hizo el cambio, en ese momento.' }) actorRoles: string[];
  @TextProp({ nullable: true }) requestId: string | null;
  @TextProp({ nullable: true }) ipAddress: string | null;
  @TextProp({ description: 'Entidad (tabla), p. ej. asms.', example: 'asms' }) entity: string;
  @TextProp() entityId: string;
  @TextProp({ example: 'UPDATE' }) operation: string;
  @ApiProperty({ ...JSON_OBJECT, description: 'Campos cambiados antes del cambio.' }) before: unknown;
  @ApiProperty({ ...JSON_OBJECT, description: 'Campos cambiados después del cambio.' }) after: unknown;
  @TextProp({ nullable: true, description: 'Usuario de base de datos de la conexión que hizo el cambio (nulo en eventos anteriores a su registro).' }) dbRole:
    string | null;
  @TextProp({ nullable: true, description: 'Dirección de cliente de esa conexión (nula si fue por socket local o antes de su registro).' }) dbClient:
    string | null;
  @TextProp({ description: 'Hash del evento anterior (SHA-256, hexadecimal).' }) prevHash: string;
  @TextProp({ description: 'sha256(hash anterior + JSON canónico del evento).' }) hash: string;
}
