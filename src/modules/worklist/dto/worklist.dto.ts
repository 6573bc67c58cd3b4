import { PageQuery } from '../../../common/http/pagination';
import { EnumField, TextField, UuidField } from '../../../common/validation/fields';
import { AVANCE_STATES, SEMAFOROS } from '../worklist.view';
import type { AvanceState, Semaforo } from '../worklist.view';

export class WorkActionsQuery extends PageQuery {
  @TextField({
    label: 'el texto de búsqueda',
    description: 'Texto en la acción, el ASM o el programa (sin distinguir acentos ni mayúsculas).',
    max: 200,
    optional: true,
  })
  q?: string;

  @EnumField(SEMAFOROS, { label: 'el semáforo', description: 'Semáforo.', optional: true })
  semaforo?: Semaforo;

  @EnumField(AVANCE_STATES, { label: 'el estado del avance', description: 'Estado del último avance (sin_avance: ninguno).', optional: true })
  avance?: AvanceState;

  @UuidField({ label: 'el área responsable', description: 'Área responsable.', optional: true })
  areaId?: string;

  @UuidField({ label: 'el ASM', description: 'ASM.', optional: true })
  asmId?: string;
}

export class ReviewQueueQuery extends PageQuery {
  @EnumField(['avance', 'prorroga'], { label: 'el tipo', description: 'avance: avances enviados; prorroga: prórrogas solicitadas.' })
  kind: 'avance' | 'prorroga';

  @UuidField({ label: 'el ASM', description: 'Solo los de este ASM.', optional: true })
  asmId?: string;
}
