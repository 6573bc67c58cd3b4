import { Body, Controller, Delete, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../identity/policy/permission.decorator';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { ApiPageResponse } from '../../common/http/api-responses.decorator';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { VersionField } from '../../common/validation/fields';
import { Type } from 'class-transformer';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { AsmService } from './asm.service';
import { ActionView } from './asm.view';
import { UpdateActionDto } from './dto/action.dto';
import { ListActionsQuery } from './dto/asm.dto';

class VersionQuery {
  @Type(() => Number)
  @VersionField()
  version: number;
}

@ApiTags('Acciones')
@Controller('api/v1/actions')
export class ActionController {
  constructor(private readonly asms: AsmService) {}
  @Permission('read', 'Action')
  @Get()
  @ApiOperation({ operationId: 'listActions', summary: 'Lista acciones (paginado; filtros: área responsable, ASM, vencidas).' })
  @ApiPageResponse(ActionView)
  @ApiErrors(400)
  list(@Query() q: ListActionsQuery, @CurrentActor() actor: Actor): Promise<Page<ActionView>> {
    return this.asms.listActions(q, actor);
  }
  @Permission('read', 'Action')
  @Get(':id')
  @ApiOperation({ operationId: 'getAction', summary: 'Una acción de un ASM.' })
  @ApiOkResponse({ type: ActionView })
  @ApiErrors(400, 404)
  get(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<ActionView> {
    return this.asms.getAction(id, actor);
  }
  @Permission('update', 'Action')
  @Patch(':id')
  @ApiOperation({ operationId: 'updateAction', summary: 'Modifica una acción. Requiere la versión leída.' })
  @ApiOkResponse({ type: ActionView })
  @ApiErrors(400, 404, 409, 422)
  update(@IdParam() id: string, @Body() dto: UpdateActionDto, @CurrentActor() actor: Actor): Promise<ActionView> {
    return this.asms.updateAction(id, dto, actor);
  }
  @Permission('delete', 'Action')
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteAction', summary: 'Elimina una acción de un ASM en borrador (?version=N).' })
  @ApiNoContentResponse({ description: 'Acción eliminada.' })
  @ApiErrors(400, 404, 409)
  remove(@IdParam() id: string, @Query() q: VersionQuery, @CurrentActor() actor: Actor): Promise<void> {
    return this.asms.removeAction(id, q.version, actor);
  }
}
