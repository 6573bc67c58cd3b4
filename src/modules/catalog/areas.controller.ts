import type { Actor } from '../identity/actor';
import { institutionScope } from '../identity/policy/policy';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../identity/policy/permission.decorator';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { ApiPageResponse } from '../../common/http/api-responses.decorator';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { AreasService } from './areas.service';
import { AreaView } from './catalog.view';
import { CreateAreaDto, SearchQuery, UpdateAreaDto } from './dto/catalog.dto';

@ApiTags('Catálogos')
@Controller('api/v1/areas')
export class AreasController {
  constructor(private readonly service: AreasService) {}
  @Permission('read', 'Area')
  @Get()
  @ApiOperation({ operationId: 'listAreas', summary: 'Lista las áreas (unidades administrativas).' })
  @ApiPageResponse(AreaView)
  @ApiErrors(400)
  list(@Query() q: SearchQuery, @CurrentActor() actor: Actor): Promise<Page<AreaView>> {
    return this.service.list(q, institutionScope(actor, 'read'));
  }
  @Permission('create', 'Area')
  @Post()
  @ApiOperation({ operationId: 'createArea', summary: 'Registra un área (unidad administrativa).' })
  @ApiCreatedResponse({ type: AreaView, description: 'El área registrada.' })
  @ApiErrors(400, 409, 422)
  create(@Body() dto: CreateAreaDto, @CurrentActor() actor: Actor): Promise<AreaView> {
    return this.service.create(dto, actor.institutionId);
  }
  @Permission('read', 'Area')
  @Get(':id')
  @ApiOperation({ operationId: 'getArea', summary: 'Un área (unidad administrativa).' })
  @ApiOkResponse({ type: AreaView })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<AreaView> {
    return this.service.get(id);
  }
  @Permission('update', 'Area')
  @Patch(':id')
  @ApiOperation({ operationId: 'updateArea', summary: 'Modifica un área (nombre, siglas, área superior, activa). Requiere la versión leída.' })
  @ApiOkResponse({ type: AreaView })
  @ApiErrors(400, 404, 409, 422)
  update(@IdParam() id: string, @Body() dto: UpdateAreaDto): Promise<AreaView> {
    return this.service.update(id, dto);
  }
}
