import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../identity/policy/permission.decorator';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CycleView } from './catalog.view';
import { CyclesService } from './cycles.service';
import { CreateCycleDto } from './dto/catalog.dto';

@ApiTags('Catálogos')
@Controller('api/v1/cycles')
export class CyclesController {
  constructor(private readonly service: CyclesService) {}
  @Permission('read', 'Cycle')
  @Get()
  @ApiOperation({ operationId: 'listCycles', summary: 'Lista los periodos del mecanismo, del más reciente al más antiguo.' })
  @ApiOkResponse({ type: [CycleView] })
  list(): Promise<CycleView[]> {
    return this.service.list();
  }
  @Permission('create', 'Cycle')
  @Post()
  @ApiOperation({ operationId: 'createCycle', summary: 'Registra un periodo (AAAA-AAAA).' })
  @ApiCreatedResponse({ type: CycleView, description: 'El periodo registrado.' })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateCycleDto): Promise<CycleView> {
    return this.service.create(dto);
  }
  @Permission('read', 'Cycle')
  @Get(':id')
  @ApiOperation({ operationId: 'getCycle', summary: 'Un periodo del mecanismo.' })
  @ApiOkResponse({ type: CycleView })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<CycleView> {
    return this.service.get(id);
  }
}
