import type { Actor } from '../identity/actor';
import { institutionScope } from '../identity/policy/policy';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Body, Controller, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { AreasService } from './areas.service';
import { AreaView } from './catalog.view';
import { CreateAreaDto, SearchQuery, UpdateAreaDto } from './dto/catalog.dto';
import { Route } from '../../common/http/route.decorator';

@ApiTags('Catálogos')
@Controller('api/v1/areas')
export class AreasController {
  constructor(private readonly service: AreasService) {}
  @Route('get', ['read', 'Area'], { page: AreaView, errors: [400] })
  @ApiOperation({ operationId: 'listAreas', summary: 'Lista las áreas (unidades administrativas).' })
  list(@Query() q: SearchQuery, @CurrentActor() actor: Actor): Promise<Page<AreaView>> {
    return this.service.list(q, institutionScope(actor, 'read'));
  }
  @Route('post', ['create', 'Area'], { created: { type: AreaView, description: 'El área registrada.' }, errors: [400, 409, 422] })
  @ApiOperation({ operationId: 'createArea', summary: 'Registra un área (unidad administrativa).' })
  create(@Body() dto: CreateAreaDto, @CurrentActor() actor: Actor): Promise<AreaView> {
    return this.service.create(dto, actor.institutionId);
  }
  @Route('get :id', ['read', 'Area'], { ok: AreaView, errors: [400, 404] })
  @ApiOperation({ operationId: 'getArea', summary: 'Un área (unidad administrativa).' })
  get(@IdParam() id: string): Promise<AreaView> {
    return this.service.get(id);
  }
  @Route('patch :id', ['update', 'Area'], { ok: AreaView, errors: [400, 404, 409, 422] })
  @ApiOperation({ operationId: 'updateArea', summary: 'Modifica un área (nombre, siglas, área superior, activa). Requiere la versión leída.' })
  update(@IdParam() id: string, @Body() dto: UpdateAreaDto): Promise<AreaView> {
    return this.service.update(id, dto);
  }
}
