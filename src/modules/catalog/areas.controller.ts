import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CrudRoutes } from '../identity/policy/crud-routes';
import { AreasService } from './areas.service';
import { AreaView } from './catalog.view';
import { CreateAreaDto, SearchQuery, UpdateAreaDto } from './dto/catalog.dto';

@CrudRoutes({
  subject: 'Area',
  view: AreaView,
  list: { operationId: 'listAreas', summary: 'Lista las áreas (unidades administrativas).', query: SearchQuery },
  create: {
    operationId: 'createArea',
    summary: 'Registra un área (unidad administrativa).',
    body: CreateAreaDto,
    created: 'El área registrada.',
    errors: [400, 409, 422],
  },
  get: { operationId: 'getArea', summary: 'Un área (unidad administrativa).' },
  update: {
    operationId: 'updateArea',
    summary: 'Modifica un área (nombre, siglas, área superior, activa). Requiere la versión leída.',
    body: UpdateAreaDto,
    errors: [400, 404, 409, 422],
  },
})
@ApiTags('Catálogos')
@Controller('api/v1/areas')
export class AreasController {
  constructor(readonly service: AreasService) {}
}
