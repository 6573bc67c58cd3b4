import { Body, Controller, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { VersionDto } from '../asm/dto/asm.dto';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { AvancesService } from './avances.service';
import { AvanceView } from './progress.view';
import { CreateAvanceDto, ListAvancesQuery, ReturnAvanceDto, UpdateAvanceDto } from './dto/progress.dto';
import { Route } from '../identity/policy/route.decorator';

@ApiTags('Avances')
@Controller('api/v1')
export class AvancesController {
  constructor(private readonly avances: AvancesService) {}

  @Route('post actions/:id/avances', ['create', 'Avance'], { created: { type: AvanceView, description: 'El avance en borrador.' }, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'createAvance', summary: 'Registra un avance (borrador) de la acción en el corte abierto.' })
  create(@IdParam() id: string, @Body() dto: CreateAvanceDto, @CurrentActor() actor: Actor): Promise<AvanceView> {
    return this.avances.create(id, dto, actor);
  }

  @Route('get avances', ['read', 'Avance'], { page: AvanceView, errors: [400] })
  @ApiOperation({ operationId: 'listAvances', summary: 'Lista avances de tus áreas (status=enviado: pendientes de revisión).' })
  list(@Query() q: ListAvancesQuery, @CurrentActor() actor: Actor): Promise<Page<AvanceView>> {
    return this.avances.list(q, actor);
  }

  @Route('get avances/:id', ['read', 'Avance'], { ok: AvanceView, errors: [400, 404] })
  @ApiOperation({ operationId: 'getAvance', summary: 'Un avance con su evidencia y su historial completo.' })
  get(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<AvanceView> {
    return this.avances.get(id, actor);
  }

  @Route('patch avances/:id', ['update', 'Avance'], { ok: AvanceView, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'updateAvance', summary: 'Corrige un avance en borrador o devuelto. Requiere la versión leída.' })
  update(@IdParam() id: string, @Body() dto: UpdateAvanceDto, @CurrentActor() actor: Actor): Promise<AvanceView> {
    return this.avances.update(id, dto, actor);
  }

  @Route('post avances/:id/submit', ['submit', 'Avance'], { ok: AvanceView, status: 200, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'submitAvance', summary: 'Envía el avance a revisión (una baja del % exige justificación; el 100 % exige evidencia).' })
  submit(@IdParam() id: string, @Body() dto: VersionDto, @CurrentActor() actor: Actor): Promise<AvanceView> {
    return this.avances.submit(id, dto.version, actor);
  }

  @Route('post avances/:id/approve', ['review', 'Avance'], { ok: AvanceView, status: 200, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'approveAvance', summary: 'Aprueba el avance: la acción toma su % y sus datos de documento probatorio.' })
  approve(@IdParam() id: string, @Body() dto: VersionDto, @CurrentActor() actor: Actor): Promise<AvanceView> {
    return this.avances.approve(id, dto.version, actor);
  }

  @Route('post avances/:id/return', ['review', 'Avance'], { ok: AvanceView, status: 200, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'returnAvance', summary: 'Devuelve el avance al área responsable con el motivo.' })
  returnToArea(@IdParam() id: string, @Body() dto: ReturnAvanceDto, @CurrentActor() actor: Actor): Promise<AvanceView> {
    return this.avances.returnToArea(id, dto.version, dto.reason, actor);
  }
}
