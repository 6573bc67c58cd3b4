import { PageQuery } from '../../../common/http/pagination';
import { DateField, EnumField, IntField, TextField, UuidField, VersionField } from '../../../common/validation/fields';
import { ObservationsField, ProofDocumentLocationField, ProofDocumentNameField, TEXT_MAX } from '../../asm/dto/action.dto';
import { AVANCE_STATUSES } from '../progress.types';
import type { AvanceStatus } from '../progress.types';
import { PRORROGA_STATUSES } from '../progress.types';
import type { ProrrogaStatus } from '../progress.types';

export class CreateAvanceDto {
  @IntField({ description: '% de avance propuesto (entero de 0 a 100).', label: 'el % de avance', min: 0, max: 100 })
  percent: number;

  @ObservationsField()
  observations?: string | null;

  @ProofDocumentNameField()
  proofDocumentName?: string | null;

  @ProofDocumentLocationField()
  proofDocumentLocation?: string | null;

  @TextField({
    description: 'Justificación, obligatoria si el % baja respecto del aprobado.',
    label: 'la justificación de la baja',
    max: TEXT_MAX,
    optional: true,
    nullable: true,
  })
  decreaseJustification?: string | null;
}

export class UpdateAvanceDto {
  @VersionField()
  version: number;

  @IntField({ description: '% de avance propuesto.', label: 'el % de avance', min: 0, max: 100, optional: true })
  percent?: number;

  @ObservationsField()
  observations?: string | null;

  @ProofDocumentNameField()
  proofDocumentName?: string | null;

  @ProofDocumentLocationField()
  proofDocumentLocation?: string | null;

  @TextField({ description: 'Justificación de una baja del %.', label: 'la justificación de la baja', max: TEXT_MAX, optional: true, nullable: true })
  decreaseJustification?: string | null;
}

export class ReturnAvanceDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Motivo de la devolución (obligatorio): qué debe corregir el área responsable.', label: 'el motivo de la devolución', max: 4000 })
  reason: string;
}

export class ListAvancesQuery extends PageQuery {
  @EnumField(AVANCE_STATUSES, { description: 'Estado (enviado = pendientes de revisión).', label: 'el estado', optional: true })
  status?: AvanceStatus;

  @UuidField({ description: 'Corte.', label: 'el corte', optional: true })
  corteId?: string;

  @UuidField({ description: 'Acción.', label: 'la acción', optional: true })
  actionId?: string;

  @UuidField({ description: 'ASM.', label: 'el ASM', optional: true })
  asmId?: string;
}

export class RequestProrrogaDto {
  @DateField({ description: 'Nueva fecha de término solicitada (posterior a la vigente).', label: 'la fecha solicitada' })
  requestedDueDate: string;

  @TextField({ description: 'Justificación (obligatoria).', label: 'la justificación', max: 4000 })
  justification: string;
}

export class RejectProrrogaDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Motivo del rechazo (obligatorio).', label: 'el motivo del rechazo', max: 4000 })
  reason: string;
}

export class ListProrrogasQuery extends PageQuery {
  @EnumField(PRORROGA_STATUSES, { description: 'Estado (solicitada = pendientes de decisión).', label: 'el estado', optional: true })
  status?: ProrrogaStatus;

  @UuidField({ description: 'Acción.', label: 'la acción', optional: true })
  actionId?: string;
}
