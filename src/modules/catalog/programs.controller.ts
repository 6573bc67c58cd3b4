import type { Actor } from '../identity/actor';
import { institutionScope } from '../identity/policy/policy';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Body, Controller, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateProgramDto, ListProgramsQuery, UpdateProgramDto } from './dto/catalog.dto';
import { ProgramNameView, ProgramView } from './catalog.view';
import { ProgramsService } from './programs.service';
import { Route } from '../../common/http/route.decorator';

@ApiTags('Catálogos')
@Controller('api/v1/programs')
export class ProgramsController {
  constructor(private readonly service: ProgramsService) {}
  @Route('get', ['read', 'Program'], { page: ProgramView, errors: [400] })
  @ApiOperation({ operationId: 'listPrograms', summary: 'Lista los programas presupuestarios.' })
  list(@Query() q: ListProgramsQuery, @CurrentActor() actor: Actor): Promise<Page<ProgramView>> {
    return this.service.list(q, institutionScope(actor, 'read'));
  }
  @Route('post', ['create', 'Program'], { created: { type: ProgramView, description: 'El programa registrado.' }, errors: [400, 404, 409, 422] })
  @ApiOperation({ operationId: 'createProgram', summary: 'Registra un programa (ramo + modalidad + clave).' })
  create(@Body() dto: CreateProgramDto): Promise<ProgramView> {
    return this.service.create(dto);
  }
  @Route('get :id', ['read', 'Program'], { ok: ProgramView, errors: [400, 404] })
  @ApiOperation({ operationId: 'getProgram', summary: 'Un programa presupuestario.' })
  get(@IdParam() id: string): Promise<ProgramView> {
    return this.service.get(id);
  }
  @Route('get :id/names', ['read', 'Program'], { ok: { type: [ProgramNameView], description: 'Del más antiguo al vigente.' }, errors: [400, 404] })
  @ApiOperation({ operationId: 'listProgramNames', summary: 'Historial de nombres del programa.' })
  names(@IdParam() id: string): Promise<ProgramNameView[]> {
    return this.service.names(id);
  }
  @Route('patch :id', ['update', 'Program'], { ok: ProgramView, errors: [400, 404, 409, 422] })
  @ApiOperation({ operationId: 'updateProgram', summary: 'Modifica el programa; un nombre nuevo queda en el historial con su fecha de vigencia.' })
  update(@IdParam() id: string, @Body() dto: UpdateProgramDto): Promise<ProgramView> {
    return this.service.update(id, dto);
  }
}
