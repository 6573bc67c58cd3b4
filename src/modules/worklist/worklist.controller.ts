import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Permission } from '../identity/policy/permission.decorator';
import { ReviewQueueQuery, WorkActionsQuery } from './dto/worklist.dto';
import { ReviewPage, WorkActionPage } from './worklist.view';
import { WorklistService } from './worklist.service';

@ApiTags('Listas de trabajo')
@Controller('api/v1/worklist')
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  @Get('actions')
  @Permission('read', 'Action')
  @ApiOperation({
    operationId: 'listMyWork',
    summary:
      'Mis acciones: las acciones que puedes ver, con su ASM, semáforo, días hábiles restantes y el estado de su último avance; las más urgentes primero.',
  })
  @ApiOkResponse({ type: WorkActionPage })
  @ApiErrors(400, 401, 403)
  actions(@Query() q: WorkActionsQuery, @CurrentActor() actor: Actor): Promise<WorkActionPage> {
    return this.worklist.actions(q, actor);
  }

  @Get('reviews')
  @Permission('read', 'Avance')
  @ApiOperation({
    operationId: 'listReviewQueue',
    summary: 'Bandeja de revisión: avances enviados (kind=avance) o prórrogas solicitadas (kind=prorroga), los más antiguos primero.',
  })
  @ApiOkResponse({ type: ReviewPage })
  @ApiErrors(400, 401, 403)
  reviews(@Query() q: ReviewQueueQuery, @CurrentActor() actor: Actor): Promise<ReviewPage> {
    return this.worklist.reviews(q, actor);
  }
}
