import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../identity/policy/permission.decorator';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { AreaView, AreasService } from './areas.service';
import { CreateAreaDto, SearchQuery, UpdateAreaDto } from './dto/catalog.dto';

@ApiTags('Catálogos')
@Controller('api/v1/areas')
export class AreasController {
  constructor(private readonly service: AreasService) {}
  @Permission('read', 'Area')

  @Get()
  @ApiOperation({ summary: 'Lista las áreas (unidades administrativas).' })
  @ApiErrors(400)
  list(@Query() q: SearchQuery): Promise<Page<AreaView>> {
    return this.service.list(q);
  }
  @Permission('create', 'Area')

  @Post()
  @ApiErrors(400, 409, 422)
  create(@Body() dto: CreateAreaDto): Promise<AreaView> {
    return this.service.create(dto);
  }
  @Permission('read', 'Area')

  @Get(':id')
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<AreaView> {
    return this.service.get(id);
  }
  @Permission('update', 'Area')

  @Patch(':id')
  @ApiErrors(400, 404, 409, 422)
  update(@IdParam() id: string, @Body() dto: UpdateAreaDto): Promise<AreaView> {
    return this.service.update(id, dto);
  }
}
