import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../identity/policy/permission.decorator';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateInstitutionDto, CreateRamoDto, SearchQuery, UpdateInstitutionDto } from './dto/catalog.dto';
import { Institution } from './institution.entity';
import { InstitutionsService } from './institutions.service';
import { Ramo } from './ramo.entity';

@ApiTags('Catálogos')
@Controller('api/v1')
export class InstitutionsController {
  constructor(private readonly service: InstitutionsService) {}
  @Permission('read', 'Program')

  @Get('ramos')
  @ApiOperation({ summary: 'Lista los ramos.' })
  listRamos(): Promise<Ramo[]> {
    return this.service.listRamos();
  }
  @Permission('create', 'Program')

  @Post('ramos')
  @ApiOperation({ summary: 'Registra un ramo.' })
  @ApiErrors(400, 409)
  createRamo(@Body() dto: CreateRamoDto): Promise<Ramo> {
    return this.service.createRamo(dto);
  }
  @Permission('read', 'Program')

  @Get('institutions')
  @ApiOperation({ summary: 'Lista las instituciones (dependencias y entidades).' })
  @ApiErrors(400)
  list(@Query() q: SearchQuery): Promise<Page<Institution>> {
    return this.service.list(q);
  }
  @Permission('create', 'Program')

  @Post('institutions')
  @ApiErrors(400, 409)
  create(@Body() dto: CreateInstitutionDto): Promise<Institution> {
    return this.service.create(dto);
  }
  @Permission('read', 'Program')

  @Get('institutions/:id')
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<Institution> {
    return this.service.get(id);
  }
  @Permission('update', 'Program')

  @Patch('institutions/:id')
  @ApiErrors(400, 404, 409)
  update(@IdParam() id: string, @Body() dto: UpdateInstitutionDto): Promise<Institution> {
    return this.service.update(id, dto);
  }
}
