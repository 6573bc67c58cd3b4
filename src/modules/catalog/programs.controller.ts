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
import { CreateProgramDto, ListProgramsQuery, UpdateProgramDto } from './dto/catalog.dto';
import { ProgramNameView, ProgramView } from './catalog.view';
import { ProgramsService } from './programs.service';

@ApiTags('Catálogos')
@Controller('api/v1/programs')
export class ProgramsController {
  constructor(private readonly service: ProgramsService) {}
  @Permission('read', 'Program')
  @Get()
  @ApiOperation({ operationId: 'listPrograms', summary: 'Lista los programas presupuestarios.' })
  @ApiPageResponse(ProgramView)
  @ApiErrors(400)
  list(@Query() q: ListProgramsQuery, @CurrentActor() actor: Actor): Promise<Page<ProgramView>> {
    return this.service.list(q, institutionScope(actor, 'read'));
  }
  @Permission('create', 'Program')
  @Post()
  @ApiOperation({ operationId: 'createProgram', summary: 'Registra un programa (ramo + modalidad + clave).' })
  @ApiCreatedResponse({ type: ProgramView, description: 'El programa registrado.' })
  @ApiErrors(400, 404, 409, 422)
  create(@Body() dto: CreateProgramDto): Promise<ProgramView> {
    return this.service.create(dto);
  }
  @Permission('read', 'Program')
  @Get(':id')
  @ApiOperation({ operationId: 'getProgram', summary: 'Un programa presupuestario.' })
  @ApiOkResponse({ type: ProgramView })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<ProgramView> {
    return this.service.get(id);
  }
  @Permission('read', 'Program')
  @Get(':id/names')
  @ApiOperation({ operationId: 'listProgramNames', summary: 'Historial de nombres del programa.' })
  @ApiOkResponse({ type: [ProgramNameView], description: 'Del más antiguo al vigente.' })
  @ApiErrors(400, 404)
  names(@IdParam() id: string): Promise<ProgramNameView[]> {
    return this.service.names(id);
  }
  @Permission('update', 'Program')
  @Patch(':id')
  @ApiOperation({ operationId: 'updateProgram', summary: 'Modifica el programa; un nombre nuevo queda en el historial con su fecha de vigencia.' })
  @ApiOkResponse({ type: ProgramView })
  @ApiErrors(400, 404, 409, 422)
  update(@IdParam() id: string, @Body() dto: UpdateProgramDto): Promise<ProgramView> {
    return this.service.update(id, dto);
  }
}
