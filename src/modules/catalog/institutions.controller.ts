import type { Actor } from '../identity/actor';
import { institutionScope } from '../identity/policy/policy';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Body, Controller, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateInstitutionDto, CreateRamoDto, SearchQuery, UpdateInstitutionDto } from './dto/catalog.dto';
import { InstitutionView, RamoView } from './catalog.view';
import { InstitutionsService } from './institutions.service';
import { Route } from '../identity/policy/route.decorator';

@ApiTags('Catálogos')
@Controller('api/v1')
export class InstitutionsController {
  constructor(private readonly service: InstitutionsService) {}
  @Route('get ramos', ['read', 'Program'], { ok: [RamoView] })
  @ApiOperation({ operationId: 'listRamos', summary: 'Lista los ramos.' })
  listRamos(): Promise<RamoView[]> {
    return this.service.listRamos();
  }
  @Route('post ramos', ['create', 'Program'], { created: { type: RamoView, description: 'El ramo registrado.' }, errors: [400, 409] })
  @ApiOperation({ operationId: 'createRamo', summary: 'Registra un ramo.' })
  createRamo(@Body() dto: CreateRamoDto): Promise<RamoView> {
    return this.service.createRamo(dto);
  }
  @Route('get institutions', ['read', 'Program'], { page: InstitutionView, errors: [400] })
  @ApiOperation({ operationId: 'listInstitutions', summary: 'Lista las instituciones (dependencias y entidades).' })
  list(@Query() q: SearchQuery, @CurrentActor() actor: Actor): Promise<Page<InstitutionView>> {
    return this.service.list(q, institutionScope(actor, 'read'));
  }
  @Route('post institutions', ['create', 'Program'], { created: { type: InstitutionView, description: 'La institución registrada.' }, errors: [400, 409] })
  @ApiOperation({ operationId: 'createInstitution', summary: 'Registra una dependencia o entidad.' })
  create(@Body() dto: CreateInstitutionDto): Promise<InstitutionView> {
    return this.service.create(dto);
  }
  @Route('get institutions/:id', ['read', 'Program'], { ok: InstitutionView, errors: [400, 404] })
  @ApiOperation({ operationId: 'getInstitution', summary: 'Una dependencia o entidad.' })
  get(@IdParam() id: string): Promise<InstitutionView> {
    return this.service.get(id);
  }
  @Route('patch institutions/:id', ['update', 'Program'], { ok: InstitutionView, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'updateInstitution', summary: 'Modifica siglas o nombre de la institución. Requiere la versión leída.' })
  update(@IdParam() id: string, @Body() dto: UpdateInstitutionDto): Promise<InstitutionView> {
    return this.service.update(id, dto);
  }
}
