import type { Actor } from '../identity/actor';
import { institutionScope } from '../identity/policy/policy';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Controller, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../../common/http/pagination';
import { AppConfig } from '../../config/app-config';
import { AuditQuery, AuditService } from './audit.service';
import { AuditEventView } from './audit.view';
import { Route } from '../identity/policy/route.decorator';

@ApiTags('Bitácora')
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  @Route('get', ['read', 'AuditEvent'], { page: AuditEventView, errors: [400] })
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'Eventos de la bitácora, del más reciente al más antiguo (filtros: entidad, registro, usuario, fechas).',
  })
  list(@Query() q: AuditQuery, @CurrentActor() actor: Actor): Promise<Page<AuditEventView>> {
    return this.audit.list(q, this.config.get('TIME_ZONE'), institutionScope(actor, 'read'));
  }
}
