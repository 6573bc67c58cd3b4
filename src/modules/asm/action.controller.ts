import { Body, Controller, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { Route } from '../identity/policy/route.decorator';

class VersionQuery {
  @Type(() => Number)
  @VersionField()
  version: number;
}

@ApiTags('Acciones')
@Controller('api/v1/actions')
export class ActionController {
  constructor(private readonly asms: AsmService) {}
  @Route('get', ['read', 'Action'], { page: ActionView, errors: [400] })
  @ApiOperation({ operationId: 'listActions', summary: 'Lista acciones (paginado; filtros: área responsable, ASM, vencidas).' })
  list(@Query() q: ListActionsQuery, @CurrentActor() actor: Actor): Promise<Page<ActionView>> {
    return this.asms.listActions(q, actor);
  }
  @Route('get :id', ['read', 'Action'], { ok: ActionView, errors: [400, 404] })
  @ApiOperation({ operationId: 'getAction', summary: 'Una acción de un ASM.' })
  get(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<ActionView> {
    return this.asms.getAction(id, actor);
  }
  @Route('patch :id', ['update', 'Action'], { ok: ActionView, errors: [400, 404, 409, 422] })
  @ApiOperation({ operationId: 'updateAction', summary: 'Modifica una acción. Requiere la versión leída.' })
  update(@IdParam() id: string, @Body() dto: UpdateActionDto, @CurrentActor() actor: Actor): Promise<ActionView> {
    return this.asms.updateAction(id, dto, actor);
  }
  @Route('delete :id', ['delete', 'Action'], { noContent: 'Acción eliminada.', status: 204, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'deleteAction', summary: 'Elimina una acción de un ASM en borrador (?version=N).' })
  remove(@IdParam() id: string, @Query() q: VersionQuery, @CurrentActor() actor: Actor): Promise<void> {
    return this.asms.removeAction(id, q.version, actor);
  }
}
