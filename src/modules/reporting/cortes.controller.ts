import { Body, Controller, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, PageQuery } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { VersionDto } from '../asm/dto/asm.dto';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { CortesService } from './cortes.service';
import { CloseCorteDto, CreateCorteDto, ListCortesQuery } from './dto/corte.dto';
import { ClosedCorteView, CorteView, SnapshotRowView } from './reporting.view';
import { SnapshotService } from './snapshot.service';
import { Route } from '../identity/policy/route.decorator';

@ApiTags('Cortes')
@Controller('api/v1/cortes')
export class CortesController {
  constructor(
    private readonly cortes: CortesService,
    private readonly snapshots: SnapshotService,
  ) {}

  @Route('get', ['read', 'Corte'], { page: CorteView, errors: [400] })
  @ApiOperation({ operationId: 'listCortes', summary: 'Lista los cortes de tu institución (la consulta global: de todas), del más reciente al más antiguo.' })
  list(@Query() q: ListCortesQuery, @CurrentActor() actor: Actor): Promise<Page<CorteView>> {
    return this.cortes.list(q, actor);
  }

  @Route('post', ['create', 'Corte'], { created: { type: CorteView, description: 'El corte programado.' }, errors: [400, 409] })
  @ApiOperation({
    operationId: 'createCorte',
    summary:
      'Programa un corte de tu institución en un mes de corte (configuración cortes.meses), posterior al último cerrado; la fecha límite de entrega se calcula en días hábiles.',
  })
  create(@Body() dto: CreateCorteDto, @CurrentActor() actor: Actor): Promise<CorteView> {
    return this.cortes.create(dto, actor);
  }

  @Route('get :id', ['read', 'Corte'], { ok: CorteView, errors: [400, 404] })
  @ApiOperation({ operationId: 'getCorte', summary: 'Un corte (marzo o septiembre).' })
  get(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<CorteView> {
    return this.cortes.get(id, actor);
  }

  @Route('post :id/open', ['open', 'Corte'], { ok: CorteView, status: 200, errors: [400, 404, 409] })
  @ApiOperation({
    operationId: 'openCorte',
    summary: 'Abre el corte para recibir avances (uno abierto a la vez por institución; nunca antes del último corte cerrado).',
  })
  open(@IdParam() id: string, @Body() dto: VersionDto, @CurrentActor() actor: Actor): Promise<CorteView> {
    return this.cortes.open(id, dto.version, actor);
  }

  @Route('post :id/close', ['close', 'Corte'], { ok: ClosedCorteView, status: 200, errors: [400, 404, 409] })
  @ApiOperation({
    operationId: 'closeCorte',
    summary: 'Cierra el corte y congela su instantánea: cada ASM vigente (y los que llegaron al 100 % en este corte) con sus acciones aprobadas.',
  })
  close(@IdParam() id: string, @Body() dto: CloseCorteDto, @CurrentActor() actor: Actor): Promise<ClosedCorteView> {
    return this.cortes.close(id, dto, actor);
  }

  @Route('get :id/snapshot', ['read', 'Asm'], { page: SnapshotRowView, errors: [400, 404, 409] })
  @ApiOperation({ operationId: 'listCorteSnapshot', summary: 'Filas congeladas de un corte cerrado (una por acción), filtradas por tus áreas.' })
  snapshot(@IdParam() id: string, @Query() q: PageQuery, @CurrentActor() actor: Actor): Promise<Page<SnapshotRowView>> {
    return this.snapshots.rows(id, q, actor);
  }
}
