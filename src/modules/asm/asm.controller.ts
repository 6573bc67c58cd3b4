import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../identity/policy/permission.decorator';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { ApiPageResponse } from '../../common/http/api-responses.decorator';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { AsmService } from './asm.service';
import { ActionView, AsmView } from './asm.view';
import { CreateActionDto } from './dto/action.dto';
import { CreateAsmDto, ListAsmsQuery, ReasonDto, UpdateAsmDto, VersionDto } from './dto/asm.dto';

@ApiTags('ASM')
@Controller('api/v1/asms')
export class AsmController {
  constructor(private readonly asms: AsmService) {}
  @Permission('read', 'Asm')
  @Get()
  @ApiOperation({ operationId: 'listAsms', summary: 'Lista ASM (paginado, con filtros), cada uno con sus acciones y su promedio.' })
  @ApiPageResponse(AsmView)
  @ApiErrors(400)
  list(@Query() q: ListAsmsQuery, @CurrentActor() actor: Actor): Promise<Page<AsmView>> {
    return this.asms.list(q, actor);
  }
  @Permission('create', 'Asm')
  @Post()
  @ApiOperation({ operationId: 'createAsm', summary: 'Registra un ASM en borrador, con sus acciones.' })
  @ApiCreatedResponse({ type: AsmView, description: 'El ASM registrado.' })
  @ApiErrors(400, 413, 422)
  create(@Body() dto: CreateAsmDto, @CurrentActor() actor: Actor): Promise<AsmView> {
    return this.asms.create(dto, actor);
  }
  @Permission('read', 'Asm')
  @Get(':id')
  @ApiOperation({ operationId: 'getAsm', summary: 'Un ASM con sus acciones (las que puedes ver) y su promedio.' })
  @ApiOkResponse({ type: AsmView })
  @ApiErrors(400, 404)
  get(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<AsmView> {
    return this.asms.get(id, actor);
  }
  @Permission('update', 'Asm')
  @Patch(':id')
  @ApiOperation({ operationId: 'updateAsm', summary: 'Modifica datos del ASM (no su estado ni sus acciones). Requiere la versión leída.' })
  @ApiOkResponse({ type: AsmView })
  @ApiErrors(400, 404, 409, 422)
  update(@IdParam() id: string, @Body() dto: UpdateAsmDto, @CurrentActor() actor: Actor): Promise<AsmView> {
    return this.asms.update(id, dto, actor);
  }
  @Permission('create', 'Action')
  @Post(':id/actions')
  @ApiOperation({ operationId: 'addAction', summary: 'Agrega una acción al plan del ASM.' })
  @ApiCreatedResponse({ type: ActionView, description: 'La acción agregada.' })
  @ApiErrors(400, 404, 409, 422)
  addAction(@IdParam() id: string, @Body() dto: CreateActionDto, @CurrentActor() actor: Actor): Promise<ActionView> {
    return this.asms.addAction(id, dto, actor);
  }
  @Permission('commit', 'Asm')
  @Post(':id/commit')
  @HttpCode(200)
  @ApiOperation({ operationId: 'commitAsm', summary: 'Compromete el ASM (borrador → comprometido) si el plan de acción está completo.' })
  @ApiOkResponse({ type: AsmView })
  @ApiErrors(400, 404, 409)
  commit(@IdParam() id: string, @Body() dto: VersionDto, @CurrentActor() actor: Actor): Promise<AsmView> {
    return this.asms.commit(id, dto.version, actor);
  }
  @Permission('cancel', 'Asm')
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ operationId: 'cancelAsm', summary: 'Cancela el ASM con una justificación obligatoria.' })
  @ApiOkResponse({ type: AsmView })
  @ApiErrors(400, 404, 409)
  cancel(@IdParam() id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor): Promise<AsmView> {
    return this.asms.cancel(id, dto.version, dto.reason, actor);
  }
  @Permission('reopen', 'Asm')
  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOperation({ operationId: 'reopenAsm', summary: 'Reabre un ASM concluido (concluido → en proceso) con un motivo.' })
  @ApiOkResponse({ type: AsmView })
  @ApiErrors(400, 404, 409)
  reopen(@IdParam() id: string, @Body() dto: ReasonDto, @CurrentActor() actor: Actor): Promise<AsmView> {
    return this.asms.reopen(id, dto.version, dto.reason, actor);
  }
}
