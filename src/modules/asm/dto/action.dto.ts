import { DateField, DecimalField, IntField, TextField, UuidArrayField, VersionField } from '../../../common/validation/fields';

export const TEXT_MAX = 4000;
export const LONG_TEXT_MAX = 10000;

/*
 * The fields the create and update of an action state alike, and the document
 * fields an avance proposes for its action: one description and limit each.
 */
const DueDateField = () => DateField({ description: 'Fecha de término (AAAA-MM-DD).', label: 'la fecha de término', optional: true, nullable: true });
const ExpectedResultsField = () =>
  TextField({ description: 'Resultados esperados.', label: 'los resultados esperados', max: TEXT_MAX, optional: true, nullable: true });
const ProductsField = () =>
  TextField({ description: 'Productos y/o evidencias.', label: 'los productos y/o evidencias', max: TEXT_MAX, optional: true, nullable: true });
export const ProofDocumentNameField = () =>
  TextField({ description: 'Nombre del documento probatorio.', label: 'el nombre del documento probatorio', max: TEXT_MAX, optional: true, nullable: true });
export const ProofDocumentLocationField = () =>
  TextField({
    description: 'Ubicación del documento probatorio.',
    label: 'la ubicación del documento probatorio',
    max: TEXT_MAX,
    optional: true,
    nullable: true,
  });
export const ObservationsField = () =>
  TextField({ description: 'Observaciones.', label: 'las observaciones', max: LONG_TEXT_MAX, optional: true, nullable: true });
const WeightField = (description: string) =>
  DecimalField({ description, label: 'el peso de la acción', min: 0.01, max: 10000, decimals: 2, optional: true, nullable: true });

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

  @DueDateField()
  dueDate?: string | null;

  @ExpectedResultsField()
  expectedResults?: string | null;

  @ProductsField()
  products?: string | null;

  @IntField({
    description: '% de avance inicial (0 a 100); después solo cambia con avances aprobados.',
    label: 'el % de avance',
    min: 0,
    max: 100,
    optional: true,
  })
  percent?: number;

  @ProofDocumentNameField()
  proofDocumentName?: string | null;

  @ProofDocumentLocationField()
  proofDocumentLocation?: string | null;

  @ObservationsField()
  observations?: string | null;

  @WeightField('Peso de la acción en el promedio (sin peso cuenta como 1).')
  weight?: number | null;
}

export class UpdateActionDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Acción a emprender.', label: 'la descripción de la acción', max: TEXT_MAX, optional: true })
  description?: string;

  @UuidArrayField({ description: 'Áreas responsables (reemplaza la lista).', label: 'las áreas responsables', minSize: 0, maxSize: 20, optional: true })
  responsibleAreaIds?: string[];

  @DueDateField()
  dueDate?: string | null;

  @ExpectedResultsField()
  expectedResults?: string | null;

  @ProductsField()
  products?: string | null;

  @IntField({ description: '% de avance; editable solo mientras el ASM está en borrador.', label: 'el % de avance', min: 0, max: 100, optional: true })
  percent?: number;

  @ProofDocumentNameField()
  proofDocumentName?: string | null;

  @ProofDocumentLocationField()
  proofDocumentLocation?: string | null;

  @ObservationsField()
  observations?: string | null;

  @WeightField('Peso de la acción en el promedio.')
  weight?: number | null;
}
