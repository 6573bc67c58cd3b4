import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { ApiPageResponse } from '../../common/http/api-responses.decorator';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { VersionDto } from '../asm/dto/asm.dto';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Permission } from '../identity/policy/permission.decorator';
import { AvancesService } from './avances.service';
import { AvanceView } from './progress.view';
import { CreateAvanceDto, ListAvancesQuery, ReturnAvanceDto, UpdateAvanceDto } from './dto/progress.dto';

@ApiTags('Avances')
@Controller('api/v1')
export class AvancesController {
  constructor(private readonly avances: AvancesService) {}

  @Post('actions/:id/avances')
  @Permission('create', 'Avance')
  @ApiOperation({ operationId: 'createAvance', summary: 'Registra un avance (borrador) de la acción en el corte abierto.' })
  @ApiCreatedResponse({ type: AvanceView, description: 'El avance en borrador.' })
  @ApiErrors(400, 404, 409)
  create(@IdParam() id: string, @Body() dto: CreateAvanceDto, @CurrentActor() actor: Actor): Promise<AvanceView> {
    return this.avances.create(id, dto, actor);
  }

  @Get('avances')
  @Permission('read', 'Avance')
  @ApiOperation({ operationId: 'listAvances', summary: 'Lista avances de tus áreas (status=enviado: pendientes de revisión).' })
  @ApiPageResponse(AvanceView)
  @ApiErrors(400)
  list(@Query() q: ListAvancesQuery, @CurrentActor() actor: Actor): Promise<Page<AvanceView>> {
    return this.avances.list(q, actor);
  }

  @Get('avances/:id')
  @Permission('read', 'Avance')
  @ApiOperation({ operationId: 'getAvance', summary: 'Un avance con su evidencia y su historial completo.' })
  @ApiOkResponse({ type: AvanceView })
  @ApiErrors(400, 404)
  get(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<AvanceView> {
    return this.avances.get(id, actor);
  }

  @Patch('avances/:id')
  @Permission('update', 'Avance')
  @ApiOperation({ operationId: 'updateAvance', summary: 'Corrige un avance en borrador o devuelto. Requiere la versión leída.' })
  @ApiOkResponse({ type: AvanceView })
  @ApiErrors(400, 404, 409)
  update(@IdParam() id: string, @Body() dto: UpdateAvanceDto, @CurrentActor() actor: Actor): Promise<AvanceView> {
    return this.avances.update(id, dto, actor);
  }

  @Post('avances/:id/submit')
  @HttpCode(200)
  @Permission('submit', 'Avance')
  @ApiOperation({ operationId: 'submitAvance', summary: 'Envía el avance a revisión (una baja del % exige justificación; el 100 % exige evidencia).' })
  @ApiOkResponse({ type: AvanceView })
  @ApiErrors(400, 404, 409)
  submit(@IdParam() id: string, @Body() dto: VersionDto, @CurrentActor() actor: Actor): Promise<AvanceView> {
    return this.avances.submit(id, dto.version, actor);
  }

  @Post('avances/:id/approve')
  @HttpCode(200)
  @Permission('review', 'Avance')
  @ApiOperation({ operationId: 'approveAvance', summary: 'Aprueba el avance: la acción toma su % y sus datos de documento probatorio.' })
  @ApiOkResponse({ type: AvanceView })
  @ApiErrors(400, 404, 409)
  approve(@IdParam() id: string, @Body() dto: VersionDto, @CurrentActor() actor: Actor): Promise<AvanceView> {
    return this.avances.approve(id, dto.version, actor);
  }

  @Post('avances/:id/return')
  @HttpCode(200)
  @Permission('review', 'Avance')
  @ApiOperation({ operationId: 'returnAvance', summary: 'Devuelve el avance al área responsable con el motivo.' })
  @ApiOkResponse({ type: AvanceView })
  @ApiErrors(400, 404, 409)
  returnToArea(@IdParam() id: string, @Body() dto: ReturnAvanceDto, @CurrentActor() actor: Actor): Promise<AvanceView> {
    return this.avances.returnToArea(id, dto.version, dto.reason, actor);
  }
}
