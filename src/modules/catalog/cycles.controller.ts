import { Body, Controller } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CycleView } from './catalog.view';
import { CyclesService } from './cycles.service';
import { CreateCycleDto } from './dto/catalog.dto';
import { Route } from '../identity/policy/route.decorator';

@ApiTags('Catálogos')
@Controller('api/v1/cycles')
export class CyclesController {
  constructor(private readonly service: CyclesService) {}
  @Route('get', ['read', 'Cycle'], { ok: [CycleView] })
  @ApiOperation({ operationId: 'listCycles', summary: 'Lista los periodos del mecanismo, del más reciente al más antiguo.' })
  list(): Promise<CycleView[]> {
    return this.service.list();
  }
  @Route('post', ['create', 'Cycle'], { created: { type: CycleView, description: 'El periodo registrado.' }, errors: [400, 409] })
  @ApiOperation({ operationId: 'createCycle', summary: 'Registra un periodo (AAAA-AAAA).' })
  create(@Body() dto: CreateCycleDto): Promise<CycleView> {
    return this.service.create(dto);
  }
  @Route('get :id', ['read', 'Cycle'], { ok: CycleView, errors: [400, 404] })
  @ApiOperation({ operationId: 'getCycle', summary: 'Un periodo del mecanismo.' })
  get(@IdParam() id: string): Promise<CycleView> {
    return this.service.get(id);
  }
}
