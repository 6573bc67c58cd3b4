import type { Actor } from '../identity/actor';
import { institutionScope } from '../identity/policy/policy';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { ApiPageResponse } from '../../common/http/api-responses.decorator';
import { Page } from '../../common/http/pagination';
import { AppConfig } from '../../config/app-config';
import { Permission } from '../identity/policy/permission.decorator';
import { AuditQuery, AuditService } from './audit.service';
import { AuditEventView } from './audit.view';

@ApiTags('Bitácora')
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Permission('read', 'AuditEvent')
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'Eventos de la bitácora, del más reciente al más antiguo (filtros: entidad, registro, usuario, fechas).',
  })
  @ApiPageResponse(AuditEventView)
  @ApiErrors(400)
  list(@Query() q: AuditQuery, @CurrentActor() actor: Actor): Promise<Page<AuditEventView>> {
    return this.audit.list(q, this.config.get('TIME_ZONE'), institutionScope(actor, 'read'));
  }
}
