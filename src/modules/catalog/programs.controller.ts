import { Body, Controller } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CrudRoutes } from '../identity/policy/crud-routes';
import { Route } from '../identity/policy/route.decorator';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateProgramDto, ListProgramsQuery, UpdateProgramDto } from './dto/catalog.dto';
import { ProgramNameView, ProgramView } from './catalog.view';
import { ProgramsService } from './programs.service';

// The update is written here, after the history of names, as the document has always listed them.
@CrudRoutes({
  subject: 'Program',
  view: ProgramView,
  list: { operationId: 'listPrograms', summary: 'Lista los programas presupuestarios.', query: ListProgramsQuery },
  create: {
    operationId: 'createProgram',
    summary: 'Registra un programa (ramo + modalidad + clave).',
    body: CreateProgramDto,
    created: 'El programa registrado.',
    errors: [400, 404, 409, 422],
  },
  get: { operationId: 'getProgram', summary: 'Un programa presupuestario.' },
})
@ApiTags('Catálogos')
@Controller('api/v1/programs')
export class ProgramsController {
  constructor(readonly service: ProgramsService) {}
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
