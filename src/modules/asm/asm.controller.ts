import { Body, Controller, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { AsmService } from './asm.service';
import { ActionView, AsmView } from './asm.view';
import { CreateActionDto } from './dto/action.dto';
import { CreateAsmDto, ListAsmsQuery, ReasonDto, UpdateAsmDto, VersionDto } from './dto/asm.dto';
import { Route } from '../identity/policy/route.decorator';

@ApiTags('ASM')
@Controller('api/v1/asms')
export class AsmController {
  constructor(private readonly asms: AsmService) {}
  @Route('get', ['read', 'Asm'], { page: AsmView, errors: [400] })
  @ApiOperation({ operationId: 'listAsms', summary: 'Lista ASM (paginado, con filtros), cada uno con sus acciones y su promedio.' })
  list(@Query() q: ListAsmsQuery, @CurrentActor() actor: Actor): Promise<Page<AsmView>> {
    return this.asms.list(q, actor);
  }
  @Route('post', ['create', 'Asm'], { created: { type: AsmView, description: 'El ASM registrado.' }, errors: [400, 413, 422] })
  @ApiOperation({ operationId: 'createAsm', summary: 'Registra un ASM en borrador, con sus acciones.' })
  create(@Body() dto: CreateAsmDto, @CurrentActor() actor: Actor): Promise<AsmView> {
    return this.asms.create(dto, actor);
  }
  @Route('get :id', ['read', 'Asm'], { ok: AsmView, errors: [400, 404] })
  @ApiOperation({ operationId: 'getAsm', summary: 'Un ASM con sus acciones (las que puedes ver) y su promedio.' })
  get(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<AsmView> {
    return this.asms.get(id, actor);
  }
  @Route('patch :id', ['update', 'Asm'], { ok: AsmView, errors: [400, 404, 409, 422] })
  @ApiOperation({ operationId: 'updateAsm', summary: 'Modifica datos del ASM (no su estado ni sus acciones). Requiere la versión leída.' })
  update(@IdParam() id: string, @Body() dto: UpdateAsmDto, @CurrentActor() actor: Actor): Promise<AsmView> {
    return this.asms.update(id, dto, actor);
  }
  @Route('post :id/actions', ['create', 'Action'], { created: { type: ActionView, description: 'La acción agregada.' }, errors: [400, 404, 409, 422] })
  @ApiOperation({ operationId: 'addAction', summary: 'Agrega una acción al plan del ASM.' })
  addAction(@IdParam() id: string, @Body() dto: CreateActionDto, @CurrentActor() actor: Actor): Promise<ActionView> {
    return this.asms.addAction(id, dto, actor);
  }
  @Route('post :id/commit', ['commit', 'Asm'], { ok: AsmView, status: 200, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'commitAsm', summary: 'Compromete el ASM (borrador → comprometido) si el plan de acción está completo.' })
  commit(@IdParam() id: string, @Body() dto: VersionDto, @CurrentActor() actor: Actor): Promise<AsmView> {
    return this.asms.commit(id, dto.version, actor);
  }
  @Route('post :id/cancel', ['cancel', 'Asm'], { ok: AsmView, status: 200, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'cancelAsm', summary: 'Cancela el ASM con una justificación obligatoria.' })
  cancel(@IdParam() id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor): Promise<AsmView> {
    return this.asms.cancel(id, dto.version, dto.reason, actor);
  }
  @Route('post :id/reopen', ['reopen', 'Asm'], { ok: AsmView, status: 200, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'reopenAsm', summary: 'Reabre un ASM concluido (concluido → en proceso) con un motivo.' })
  reopen(@IdParam() id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor): Promise<AsmView> {
    return this.asms.reopen(id, dto.version, dto.reason, actor);
  }
}
