import { Body, Controller } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CrudRoutes } from '../identity/policy/crud-routes';
import { Route } from '../identity/policy/route.decorator';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateEvaluationDto, RecommendationInput, SearchQuery, UpdateEvaluationDto, UpdateRecommendationDto } from './dto/catalog.dto';
import { EvaluationView } from './catalog.view';
import { EvaluationsService } from './evaluations.service';

@CrudRoutes({
  path: 'evaluations',
  subject: 'Evaluation',
  view: EvaluationView,
  list: { operationId: 'listEvaluations', summary: 'Lista las evaluaciones externas e informes.', query: SearchQuery },
  create: {
    operationId: 'createEvaluation',
    summary: 'Registra una evaluación con sus programas y recomendaciones.',
    body: CreateEvaluationDto,
    created: 'La evaluación registrada.',
    errors: [400, 409, 422],
  },
  get: { operationId: 'getEvaluation', summary: 'Una evaluación con sus programas y recomendaciones.' },
  update: {
    operationId: 'updateEvaluation',
    summary: 'Modifica los datos de la evaluación. Requiere la versión leída.',
    body: UpdateEvaluationDto,
    errors: [400, 404, 409, 422],
  },
})
@ApiTags('Catálogos')
@Controller('api/v1')
export class EvaluationsController {
  constructor(readonly service: EvaluationsService) {}
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
