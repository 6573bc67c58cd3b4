import type { Actor } from '../identity/actor';
import { institutionScope } from '../identity/policy/policy';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../identity/policy/permission.decorator';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { ApiPageResponse } from '../../common/http/api-responses.decorator';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateEvaluationDto, RecommendationInput, SearchQuery, UpdateEvaluationDto, UpdateRecommendationDto } from './dto/catalog.dto';
import { EvaluationView } from './catalog.view';
import { EvaluationsService } from './evaluations.service';

@ApiTags('Catálogos')
@Controller('api/v1')
export class EvaluationsController {
  constructor(private readonly service: EvaluationsService) {}
  @Permission('read', 'Evaluation')
  @Get('evaluations')
  @ApiOperation({ operationId: 'listEvaluations', summary: 'Lista las evaluaciones externas e informes.' })
  @ApiPageResponse(EvaluationView)
  @ApiErrors(400)
  list(@Query() q: SearchQuery, @CurrentActor() actor: Actor): Promise<Page<EvaluationView>> {
    return this.service.list(q, institutionScope(actor, 'read'));
  }
  @Permission('create', 'Evaluation')
  @Post('evaluations')
  @ApiOperation({ operationId: 'createEvaluation', summary: 'Registra una evaluación con sus programas y recomendaciones.' })
  @ApiCreatedResponse({ type: EvaluationView, description: 'La evaluación registrada.' })
  @ApiErrors(400, 409, 422)
  create(@Body() dto: CreateEvaluationDto): Promise<EvaluationView> {
    return this.service.create(dto);
  }
  @Permission('read', 'Evaluation')
  @Get('evaluations/:id')
  @ApiOperation({ operationId: 'getEvaluation', summary: 'Una evaluación con sus programas y recomendaciones.' })
  @ApiOkResponse({ type: EvaluationView })
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<EvaluationView> {
    return this.service.get(id);
  }
  @Permission('update', 'Evaluation')
  @Patch('evaluations/:id')
  @ApiOperation({ operationId: 'updateEvaluation', summary: 'Modifica los datos de la evaluación. Requiere la versión leída.' })
  @ApiOkResponse({ type: EvaluationView })
  @ApiErrors(400, 404, 409, 422)
  update(@IdParam() id: string, @Body() dto: UpdateEvaluationDto): Promise<EvaluationView> {
    return this.service.update(id, dto);
  }
  @Permission('update', 'Evaluation')
  @Post('evaluations/:id/recommendations')
  @ApiOperation({ operationId: 'addRecommendation', summary: 'Agrega una recomendación a la evaluación.' })
  @ApiCreatedResponse({ type: EvaluationView, description: 'La evaluación con la recomendación agregada.' })
  @ApiErrors(400, 404, 409)
  addRecommendation(@IdParam() id: string, @Body() dto: RecommendationInput): Promise<EvaluationView> {
    return this.service.addRecommendation(id, dto);
  }
  @Permission('update', 'Evaluation')
  @Patch('recommendations/:id')
  @ApiOperation({ operationId: 'updateRecommendation', summary: 'Corrige el texto de una recomendación. Requiere la versión leída.' })
  @ApiOkResponse({ type: EvaluationView, description: 'La evaluación a la que pertenece la recomendación.' })
  @ApiErrors(400, 404, 409)
  updateRecommendation(@IdParam() id: string, @Body() dto: UpdateRecommendationDto): Promise<EvaluationView> {
    return this.service.updateRecommendation(id, dto);
  }
}
