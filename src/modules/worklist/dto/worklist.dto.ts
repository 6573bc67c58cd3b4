import { PageQuery } from '../../../common/http/pagination';
import { EnumField, TextField, UuidField } from '../../../common/validation/fields';
import { AVANCE_STATES, SEMAFOROS } from '../worklist.view';
import type { AvanceState, Semaforo } from '../worklist.view';

export class WorkActionsQuery extends PageQuery {
  @TextField({ description: 'Texto en la acción, el ASM o el programa (sin distinguir acentos ni mayúsculas).', max: 200, optional: true })
  q?: string;

  @EnumField(SEMAFOROS, { description: 'Semáforo.', optional: true })
  semaforo?: Semaforo;

  @EnumField(AVANCE_STATES, { description: 'Estado del último avance (sin_avance: ninguno).', optional: true })
  avance?: AvanceState;

  @UuidField({ description: 'Área responsable.', optional: true })
  areaId?: string;

  @UuidField({ description: 'ASM.', optional: true })
  asmId?: string;
}

export class ReviewQueueQuery extends PageQuery {
  @EnumField(['avance', 'prorroga'], { description: 'avance: avances enviados; prorroga: prórrogas solicitadas.' })
  kind: 'avance' | 'prorroga';

  @UuidField({ description: 'Solo los de este ASM.', optional: true })
  asmId?: string;
}
