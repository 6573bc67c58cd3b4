import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../identity/policy/permission.decorator';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { Page } from '../../common/http/pagination';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { CreateEvaluationDto, RecommendationInput, SearchQuery, UpdateEvaluationDto, UpdateRecommendationDto } from './dto/catalog.dto';
import { EvaluationView, EvaluationsService } from './evaluations.service';

@ApiTags('Catálogos')
@Controller('api/v1')
export class EvaluationsController {
  constructor(private readonly service: EvaluationsService) {}
  @Permission('read', 'Evaluation')

  @Get('evaluations')
  @ApiOperation({ summary: 'Lista las evaluaciones externas e informes.' })
  @ApiErrors(400)
  list(@Query() q: SearchQuery): Promise<Page<EvaluationView>> {
    return this.service.list(q);
  }
  @Permission('create', 'Evaluation')

  @Post('evaluations')
  @ApiOperation({ summary: 'Registra una evaluación con sus programas y recomendaciones.' })
  @ApiErrors(400, 409, 422)
  create(@Body() dto: CreateEvaluationDto): Promise<EvaluationView> {
    return this.service.create(dto);
  }
  @Permission('read', 'Evaluation')

  @Get('evaluations/:id')
  @ApiErrors(400, 404)
  get(@IdParam() id: string): Promise<EvaluationView> {
    return this.service.get(id);
  }
  @Permission('update', 'Evaluation')

  @Patch('evaluations/:id')
  @ApiErrors(400, 404, 409, 422)
  update(@IdParam() id: string, @Body() dto: UpdateEvaluationDto): Promise<EvaluationView> {
    return this.service.update(id, dto);
  }
  @Permission('update', 'Evaluation')

  @Post('evaluations/:id/recommendations')
  @ApiOperation({ summary: 'Agrega una recomendación a la evaluación.' })
  @ApiErrors(400, 404, 409)
  addRecommendation(@IdParam() id: string, @Body() dto: RecommendationInput): Promise<EvaluationView> {
    return this.service.addRecommendation(id, dto);
  }
  @Permission('update', 'Evaluation')

  @Patch('recommendations/:id')
  @ApiOperation({ summary: 'Corrige el texto de una recomendación.' })
  @ApiErrors(400, 404, 409)
  updateRecommendation(@IdParam() id: string, @Body() dto: UpdateRecommendationDto): Promise<EvaluationView> {
    return this.service.updateRecommendation(id, dto);
  }
}
