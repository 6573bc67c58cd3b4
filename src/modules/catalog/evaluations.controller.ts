import type { Actor } from '../identity/actor';
import { institutionScope } from '../identity/policy/policy';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Body, Controller, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateEvaluationDto, RecommendationInput, SearchQuery, UpdateEvaluationDto, UpdateRecommendationDto } from './dto/catalog.dto';
import { EvaluationView } from './catalog.view';
import { EvaluationsService } from './evaluations.service';
import { Route } from '../../common/http/route.decorator';

@ApiTags('Catálogos')
@Controller('api/v1')
export class EvaluationsController {
  constructor(private readonly service: EvaluationsService) {}
  @Route('get evaluations', ['read', 'Evaluation'], { page: EvaluationView, errors: [400] })
  @ApiOperation({ operationId: 'listEvaluations', summary: 'Lista las evaluaciones externas e informes.' })
  list(@Query() q: SearchQuery, @CurrentActor() actor: Actor): Promise<Page<EvaluationView>> {
    return this.service.list(q, institutionScope(actor, 'read'));
  }
  @Route('post evaluations', ['create', 'Evaluation'], { created: { type: EvaluationView, description: 'La evaluación registrada.' }, errors: [400, 409, 422] })
  @ApiOperation({ operationId: 'createEvaluation', summary: 'Registra una evaluación con sus programas y recomendaciones.' })
  create(@Body() dto: CreateEvaluationDto): Promise<EvaluationView> {
    return this.service.create(dto);
  }
  @Route('get evaluations/:id', ['read', 'Evaluation'], { ok: EvaluationView, errors: [400, 404] })
  @ApiOperation({ operationId: 'getEvaluation', summary: 'Una evaluación con sus programas y recomendaciones.' })
  get(@IdParam() id: string): Promise<EvaluationView> {
    return this.service.get(id);
  }
  @Route('patch evaluations/:id', ['update', 'Evaluation'], { ok: EvaluationView, errors: [400, 404, 409, 422] })
  @ApiOperation({ operationId: 'updateEvaluation', summary: 'Modifica los datos de la evaluación. Requiere la versión leída.' })
  update(@IdParam() id: string, @Body() dto: UpdateEvaluationDto): Promise<EvaluationView> {
    return this.service.update(id, dto);
  }
  @Route('post evaluations/:id/recommendations', ['update', 'Evaluation'], {
    created: { type: EvaluationView, description: 'La evaluación con la recomendación agregada.' },
    errors: [400, 404, 409],
  })
  @ApiOperation({ operationId: 'addRecommendation', summary: 'Agrega una recomendación a la evaluación.' })
  addRecommendation(@IdParam() id: string, @Body() dto: RecommendationInput): Promise<EvaluationView> {
    return this.service.addRecommendation(id, dto);
  }
  @Route('patch recommendations/:id', ['update', 'Evaluation'], {
    ok: { type: EvaluationView, description: 'La evaluación a la que pertenece la recomendación.' },
    errors: [400, 404, 409],
  })
  @ApiOperation({ operationId: 'updateRecommendation', summary: 'Corrige el texto de una recomendación. Requiere la versión leída.' })
  updateRecommendation(@IdParam() id: string, @Body() dto: UpdateRecommendationDto): Promise<EvaluationView> {
    return this.service.updateRecommendation(id, dto);
  }
}
