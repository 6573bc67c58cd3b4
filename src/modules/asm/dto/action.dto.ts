import { DateField, DecimalField, IntField, TextField, UuidArrayField, VersionField } from '../../../common/validation/fields';

export const TEXT_MAX = 4000;
export const LONG_TEXT_MAX = 10000;

export class CreateActionDto {
  @TextField({ description: 'Acción a emprender (Actividad en los ASM específicos).', label: 'la descripción de la acción', max: TEXT_MAX })
  description: string;

  @UuidArrayField({
    description: 'Áreas responsables, en el orden en que se imprimen.',
    label: 'las áreas responsables',
    minSize: 0,
    maxSize: 20,
    optional: true,
  })
  responsibleAreaIds?: string[];

  @DateField({ description: 'Fecha de término (AAAA-MM-DD).', label: 'la fecha de término', optional: true, nullable: true })
  dueDate?: string | null;

  @TextField({ description: 'Resultados esperados.', label: 'los resultados esperados', max: TEXT_MAX, optional: true, nullable: true })
  expectedResults?: string | null;

  @TextField({ description: 'Productos y/o evidencias.', label: 'los productos y/o evidencias', max: TEXT_MAX, optional: true, nullable: true })
  products?: string | null;

  @IntField({
    description: '% de avance inicial (0 a 100); después solo cambia con avances aprobados.',
    label: 'el % de avance',
    min: 0,
    max: 100,
    optional: true,
  })
  percent?: number;

  @TextField({ description: 'Nombre del documento probatorio.', label: 'el nombre del documento probatorio', max: TEXT_MAX, optional: true, nullable: true })
  proofDocumentName?: string | null;

  @TextField({
    description: 'Ubicación del documento probatorio.',
    label: 'la ubicación del documento probatorio',
    max: TEXT_MAX,
    optional: true,
    nullable: true,
  })
  proofDocumentLocation?: string | null;

  @TextField({ description: 'Observaciones.', label: 'las observaciones', max: LONG_TEXT_MAX, optional: true, nullable: true })
  observations?: string | null;

  @DecimalField({
    description: 'Peso de la acción en el promedio (sin peso cuenta como 1).',
    label: 'el peso de la acción',
    min: 0.01,
    max: 10000,
    decimals: 2,
    optional: true,
    nullable: true,
  })
  weight?: number | null;
}

export class UpdateActionDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Acción a emprender.', label: 'la descripción de la acción', max: TEXT_MAX, optional: true })
  description?: string;

  @UuidArrayField({ description: 'Áreas responsables (reemplaza la lista).', label: 'las áreas responsables', minSize: 0, maxSize: 20, optional: true })
  responsibleAreaIds?: string[];

  @DateField({ description: 'Fecha de término (AAAA-MM-DD).', label: 'la fecha de término', optional: true, nullable: true })
  dueDate?: string | null;

  @TextField({ description: 'Resultados esperados.', label: 'los resultados esperados', max: TEXT_MAX, optional: true, nullable: true })
  expectedResults?: string | null;

  @TextField({ description: 'Productos y/o evidencias.', label: 'los productos y/o evidencias', max: TEXT_MAX, optional: true, nullable: true })
  products?: string | null;

  @IntField({ description: '% de avance; editable solo mientras el ASM está en borrador.', label: 'el % de avance', min: 0, max: 100, optional: true })
  percent?: number;

  @TextField({ description: 'Nombre del documento probatorio.', label: 'el nombre del documento probatorio', max: TEXT_MAX, optional: true, nullable: true })
  proofDocumentName?: string | null;

  @TextField({
    description: 'Ubicación del documento probatorio.',
    label: 'la ubicación del documento probatorio',
    max: TEXT_MAX,
    optional: true,
    nullable: true,
  })
  proofDocumentLocation?: string | null;

  @TextField({ description: 'Observaciones.', label: 'las observaciones', max: LONG_TEXT_MAX, optional: true, nullable: true })
  observations?: string | null;

  @DecimalField({
    description: 'Peso de la acción en el promedio.',
    label: 'el peso de la acción',
    min: 0.01,
    max: 10000,
    decimals: 2,
    optional: true,
    nullable: true,
  })
  weight?: number | null;
}
