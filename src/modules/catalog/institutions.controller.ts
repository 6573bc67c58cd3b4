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
import { CreateInstitutionDto, CreateRamoDto, SearchQuery, UpdateInstitutionDto } from './dto/catalog.dto';
import { InstitutionView, RamoView } from './catalog.view';
import { InstitutionsService } from './institutions.service';

@ApiTags('Catálogos')
@Controller('api/v1')
export class InstitutionsController {
  constructor(private readonly service: InstitutionsService) {}
  @Permission('read', 'Program')
  @Get('ramos')
  @ApiOperation({ operationId: 'listRamos', summary: 'Lista los ramos.' })
  @ApiOkResponse({ type: [RamoView] })
  listRamos(): Promise<RamoView[]> {
    return this.service.listRamos();
  }
  @Permission('create', 'Program')
  @Post('ramos')
  @ApiOperation({ operationId: 'createRamo', summary: 'Registra un ramo.' })
  @ApiCreatedResponse({ type: RamoView, description: 'El ramo registrado.' })
  @ApiErrors(400, 409)
  createRamo(@Body() dto: CreateRamoDto): Promise<RamoView> {
    return this.service.createRamo(dto);
  }
  @Permission('read', 'Program')
  @Get('institutions')
  @ApiOperation({ operationId: 'listInstitutions', summary: 'Lista las instituciones (dependencias y entidades).' })
  @ApiPageResponse(InstitutionView)
  @ApiErrors(400)
  list(@Query() q: SearchQuery, @CurrentActor() actor: Actor): Promise<Page<InstitutionView>> {
    return this.service.list(q, institutionScope(actor, 'read'));
  }
  @Permission('create', 'Program')
  @Post('institutions')
  @ApiOperation({ operationId: 'createInstitution', summary: 'Registra una dependencia o entidad.' })
  @ApiCreatedResponse({ type: InstitutionView, description: 'La institución registrada.' })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateInstitutionDto): Promise<InstitutionView> {
    return this.service.create(dto);
  }
  @Permission('read', 'Program')
  @Get('institutions/:id')
  @ApiOperation({ operationId: 'getInstitution', summary: 'Una dependencia o entidad.' })
  @ApiOkResponse({ type: InstitutionView })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<InstitutionView> {
    return this.service.get(id);
  }
  @Permission('update', 'Program')
  @Patch('institutions/:id')
  @ApiOperation({ operationId: 'updateInstitution', summary: 'Modifica siglas o nombre de la institución. Requiere la versión leída.' })
  @ApiOkResponse({ type: InstitutionView })
  @ApiErrors(400, 404, 409)
  update(@IdParam() id: string, @Body() dto: UpdateInstitutionDto): Promise<InstitutionView> {
    return this.service.update(id, dto);
  }
}
