import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../identity/policy/permission.decorator';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateProgramDto, ListProgramsQuery, UpdateProgramDto } from './dto/catalog.dto';
import { ProgramView, ProgramsService } from './programs.service';

@ApiTags('Catálogos')
@Controller('api/v1/programs')
export class ProgramsController {
  constructor(private readonly service: ProgramsService) {}
  @Permission('read', 'Program')

  @Get()
  @ApiOperation({ summary: 'Lista los programas presupuestarios.' })
  @ApiErrors(400)
  list(@Query() q: ListProgramsQuery): Promise<Page<ProgramView>> {
    return this.service.list(q);
  }
  @Permission('create', 'Program')

  @Post()
  @ApiOperation({ summary: 'Registra un programa (ramo + modalidad + clave).' })
  @ApiErrors(400, 404, 409, 422)
  create(@Body() dto: CreateProgramDto): Promise<ProgramView> {
    return this.service.create(dto);
  }
  @Permission('read', 'Program')

  @Get(':id')
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<ProgramView> {
    return this.service.get(id);
  }
  @Permission('read', 'Program')

  @Get(':id/names')
  @ApiOperation({ summary: 'Historial de nombres del programa.' })
  @ApiErrors(400, 404)
  names(@IdParam() id: string): Promise<{ name: string; validFrom: string }[]> {
    return this.service.names(id);
  }
  @Permission('update', 'Program')

  @Patch(':id')
  @ApiOperation({ summary: 'Modifica el programa; un nombre nuevo queda en el historial con su fecha de vigencia.' })
  @ApiErrors(400, 404, 409, 422)
  update(@IdParam() id: string, @Body() dto: UpdateProgramDto): Promise<ProgramView> {
    return this.service.update(id, dto);
  }
}
