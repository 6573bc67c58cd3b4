import { PageQuery } from '../../../common/http/pagination';
import { BooleanField, DateField, EnumField, IntField, UuidField, VersionField } from '../../../common/validation/fields';
import { CORTE_STATUSES } from '../reporting.types';
import type { CorteStatus } from '../reporting.types';

export class CreateCorteDto {
  @IntField({ description: 'Año del corte.', label: 'el año', min: 2000, max: 2100, example: 2022 })
  year: number;

  @IntField({ description: 'Mes del corte (3 = marzo, 9 = septiembre).', label: 'el mes', min: 1, max: 12, example: 9 })
  month: number;

  @DateField({ description: 'Fecha de corte (por omisión, el último día del mes).', label: 'la fecha de corte', optional: true, example: '2022-09-30' })
  cutoffDate?: string;
}

export class CloseCorteDto {
  @VersionField()
  version: number;

  @BooleanField({
    description: 'Cerrar aunque haya avances enviados sin revisar (quedan fuera del corte).',
    label: 'el campo «Cerrar aunque haya avances sin revisar»',
    optional: true,
  })
  force?: boolean;
}

export class ListCortesQuery extends PageQuery {
  @EnumField(CORTE_STATUSES, { description: 'Estado.', label: 'el estado', optional: true })
  status?: CorteStatus;

  @UuidField({ description: 'Solo los de una institución (la consulta global lee todas; los demás, solo la suya).', label: 'la institución', optional: true })
  institutionId?: string;
}
