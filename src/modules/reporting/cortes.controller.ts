import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { Page, PageQuery } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { VersionDto } from '../asm/dto/asm.dto';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Permission } from '../identity/policy/permission.decorator';
import { CorteView, CortesService } from './cortes.service';
import { CloseCorteDto, CreateCorteDto, ListCortesQuery } from './dto/corte.dto';
import { SnapshotRowView, SnapshotService } from './snapshot.service';

@ApiTags('Cortes')
@Controller('api/v1/cortes')
export class CortesController {
  constructor(
    private readonly cortes: CortesService,
    private readonly snapshots: SnapshotService,
  ) {}

  @Get()
  @Permission('read', 'Corte')
  @ApiOperation({ summary: 'Lista los cortes (marzo y septiembre de cada año), del más reciente al más antiguo.' })
  @ApiErrors(400, 401)
  list(@Query() q: ListCortesQuery): Promise<Page<CorteView>> {
    return this.cortes.list(q);
  }

  @Post()
  @Permission('create', 'Corte')
  @ApiOperation({ summary: 'Programa un corte; la fecha límite de entrega se calcula en días hábiles desde la fecha de corte.' })
  @ApiErrors(400, 401, 403, 409)
  create(@Body() dto: CreateCorteDto, @CurrentActor() actor: Actor): Promise<CorteView> {
    return this.cortes.create(dto, actor);
  }

  @Get(':id')
  @Permission('read', 'Corte')
  @ApiErrors(400, 401, 404)
  get(@IdParam() id: string): Promise<CorteView> {
    return this.cortes.get(id);
  }

  @Post(':id/open')
  @HttpCode(200)
  @Permission('open', 'Corte')
  @ApiOperation({ summary: 'Abre el corte para recibir avances (solo uno abierto a la vez).' })
  @ApiErrors(400, 401, 403, 404, 409)
  open(@IdParam() id: string, @Body() dto: VersionDto, @CurrentActor() actor: Actor): Promise<CorteView> {
    return this.cortes.open(id, dto.version, actor);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Permission('close', 'Corte')
  @ApiOperation({ summary: 'Cierra el corte y congela su instantánea: cada ASM vigente (y los que llegaron al 100 % en este corte) con sus acciones aprobadas.' })
  @ApiErrors(400, 401, 403, 404, 409)
  close(@IdParam() id: string, @Body() dto: CloseCorteDto, @CurrentActor() actor: Actor): Promise<CorteView> {
    return this.cortes.close(id, dto, actor);
  }

  @Get(':id/snapshot')
  @Permission('read', 'Asm')
  @ApiOperation({ summary: 'Filas congeladas de un corte cerrado (una por acción), filtradas por tus áreas.' })
  @ApiErrors(400, 401, 403, 404, 409)
  snapshot(@IdParam() id: string, @Query() q: PageQuery, @CurrentActor() actor: Actor): Promise<Page<SnapshotRowView>> {
    return this.snapshots.rows(id, q, actor);
  }
}
