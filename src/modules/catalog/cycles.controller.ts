import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../identity/policy/permission.decorator';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { Cycle } from './cycle.entity';
import { CyclesService } from './cycles.service';
import { CreateCycleDto } from './dto/catalog.dto';

@ApiTags('Catálogos')
@Controller('api/v1/cycles')
export class CyclesController {
  constructor(private readonly service: CyclesService) {}
  @Permission('read', 'Cycle')

  @Get()
  @ApiOperation({ summary: 'Lista los periodos del mecanismo, del más reciente al más antiguo.' })
  list(): Promise<Cycle[]> {
    return this.service.list();
  }
  @Permission('create', 'Cycle')

  @Post()
  @ApiOperation({ summary: 'Registra un periodo (AAAA-AAAA).' })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateCycleDto): Promise<Cycle> {
    return this.service.create(dto);
  }
  @Permission('read', 'Cycle')

  @Get(':id')
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<Cycle> {
    return this.service.get(id);
  }
}
