import { Controller, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { ReviewQueueQuery, WorkActionsQuery } from './dto/worklist.dto';
import { ReviewPage, WorkActionPage } from './worklist.view';
import { WorklistService } from './worklist.service';
import { Route } from '../identity/policy/route.decorator';

@ApiTags('Listas de trabajo')
@Controller('api/v1/worklist')
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  @Route('get actions', ['read', 'Action'], { ok: WorkActionPage, errors: [400, 401, 403] })
  @ApiOperation({
    operationId: 'listMyWork',
    summary:
      'Mis acciones: las acciones que puedes ver, con su ASM, semáforo, días hábiles restantes y el estado de su último avance; las más urgentes primero.',
  })
  actions(@Query() q: WorkActionsQuery, @CurrentActor() actor: Actor): Promise<WorkActionPage> {
    return this.worklist.actions(q, actor);
  }

  @Route('get reviews', ['read', 'Avance'], { ok: ReviewPage, errors: [400, 401, 403] })
  @ApiOperation({
    operationId: 'listReviewQueue',
    summary: 'Bandeja de revisión: avances enviados (kind=avance) o prórrogas solicitadas (kind=prorroga), los más antiguos primero.',
  })
  reviews(@Query() q: ReviewQueueQuery, @CurrentActor() actor: Actor): Promise<ReviewPage> {
    return this.worklist.reviews(q, actor);
  }
}
