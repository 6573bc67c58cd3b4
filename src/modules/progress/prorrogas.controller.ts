import { Body, Controller, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { VersionDto } from '../asm/dto/asm.dto';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { ListProrrogasQuery, RejectProrrogaDto, RequestProrrogaDto } from './dto/progress.dto';
import { ProrrogaView } from './progress.view';
import { ProrrogasService } from './prorrogas.service';
import { Route } from '../identity/policy/route.decorator';

@ApiTags('Prórrogas')
@Controller('api/v1')
export class ProrrogasController {
  constructor(private readonly prorrogas: ProrrogasService) {}

  @Route('post actions/:id/prorrogas', ['create', 'Prorroga'], {
    created: { type: ProrrogaView, description: 'La prórroga solicitada.' },
    errors: [400, 404, 409],
  })
  @ApiOperation({ operationId: 'requestProrroga', summary: 'Solicita una nueva fecha de término con su justificación.' })
  request(@IdParam() id: string, @Body() dto: RequestProrrogaDto, @CurrentActor() actor: Actor): Promise<ProrrogaView> {
    return this.prorrogas.request(id, dto, actor);
  }

  @Route('get prorrogas', ['read', 'Prorroga'], { page: ProrrogaView, errors: [400] })
  @ApiOperation({ operationId: 'listProrrogas', summary: 'Lista prórrogas de tus áreas (status=solicitada: pendientes de decisión).' })
  list(@Query() q: ListProrrogasQuery, @CurrentActor() actor: Actor): Promise<Page<ProrrogaView>> {
    return this.prorrogas.list(q, actor);
  }

  @Route('get prorrogas/:id', ['read', 'Prorroga'], { ok: ProrrogaView, errors: [400, 404] })
  @ApiOperation({ operationId: 'getProrroga', summary: 'Una prórroga con su decisión.' })
  get(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<ProrrogaView> {
    return this.prorrogas.get(id, actor);
  }

  @Route('post prorrogas/:id/approve', ['review', 'Prorroga'], { ok: ProrrogaView, status: 200, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'approveProrroga', summary: 'Aprueba la prórroga: la acción toma la nueva fecha de término (la original se conserva).' })
  approve(@IdParam() id: string, @Body() dto: VersionDto, @CurrentActor() actor: Actor): Promise<ProrrogaView> {
    return this.prorrogas.approve(id, dto.version, actor);
  }

  @Route('post prorrogas/:id/reject', ['review', 'Prorroga'], { ok: ProrrogaView, status: 200, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'rejectProrroga', summary: 'Rechaza la prórroga con el motivo.' })
  reject(@IdParam() id: string, @Body() dto: RejectProrrogaDto, @CurrentActor() actor: Actor): Promise<ProrrogaView> {
    return this.prorrogas.reject(id, dto.version, dto.reason, actor);
  }
}
