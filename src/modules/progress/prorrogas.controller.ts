import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { ApiPageResponse } from '../../common/http/api-responses.decorator';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { VersionDto } from '../asm/dto/asm.dto';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Permission } from '../identity/policy/permission.decorator';
import { ListProrrogasQuery, RejectProrrogaDto, RequestProrrogaDto } from './dto/progress.dto';
import { ProrrogaView } from './progress.view';
import { ProrrogasService } from './prorrogas.service';

@ApiTags('Prórrogas')
@Controller('api/v1')
export class ProrrogasController {
  constructor(private readonly prorrogas: ProrrogasService) {}

  @Post('actions/:id/prorrogas')
  @Permission('create', 'Prorroga')
  @ApiOperation({ operationId: 'requestProrroga', summary: 'Solicita una nueva fecha de término con su justificación.' })
  @ApiCreatedResponse({ type: ProrrogaView, description: 'La prórroga solicitada.' })
  @ApiErrors(400, 404, 409)
  request(@IdParam() id: string, @Body() dto: RequestProrrogaDto, @CurrentActor() actor: Actor): Promise<ProrrogaView> {
    return this.prorrogas.request(id, dto, actor);
  }

  @Get('prorrogas')
  @Permission('read', 'Prorroga')
  @ApiOperation({ operationId: 'listProrrogas', summary: 'Lista prórrogas de tus áreas (status=solicitada: pendientes de decisión).' })
  @ApiPageResponse(ProrrogaView)
  @ApiErrors(400)
  list(@Query() q: ListProrrogasQuery, @CurrentActor() actor: Actor): Promise<Page<ProrrogaView>> {
    return this.prorrogas.list(q, actor);
  }

  @Get('prorrogas/:id')
  @Permission('read', 'Prorroga')
  @ApiOperation({ operationId: 'getProrroga', summary: 'Una prórroga con su decisión.' })
  @ApiOkResponse({ type: ProrrogaView })
  @ApiErrors(400, 404)
  get(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<ProrrogaView> {
    return this.prorrogas.get(id, actor);
  }

  @Post('prorrogas/:id/approve')
  @HttpCode(200)
  @Permission('review', 'Prorroga')
  @ApiOperation({ operationId: 'approveProrroga', summary: 'Aprueba la prórroga: la acción toma la nueva fecha de término (la original se conserva).' })
  @ApiOkResponse({ type: ProrrogaView })
  @ApiErrors(400, 404, 409)
  approve(@IdParam() id: string, @Body() dto: VersionDto, @CurrentActor() actor: Actor): Promise<ProrrogaView> {
    return this.prorrogas.approve(id, dto.version, actor);
  }

  @Post('prorrogas/:id/reject')
  @HttpCode(200)
  @Permission('review', 'Prorroga')
  @ApiOperation({ operationId: 'rejectProrroga', summary: 'Rechaza la prórroga con el motivo.' })
  @ApiOkResponse({ type: ProrrogaView })
  @ApiErrors(400, 404, 409)
  reject(@IdParam() id: string, @Body() dto: RejectProrrogaDto, @CurrentActor() actor: Actor): Promise<ProrrogaView> {
    return this.prorrogas.reject(id, dto.version, dto.reason, actor);
  }
}
