import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/errors/domain-error';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { ApiPageResponse } from '../../common/http/api-responses.decorator';
import { Page } from '../../common/http/pagination';
import { DateField } from '../../common/validation/fields';
import { AppConfig } from '../../config/app-config';
import { QueueService } from '../../queue/queue.service';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Permission } from '../identity/policy/permission.decorator';
import { DeliveryLogQuery, DeliveryLogService } from './delivery-log.service';
import { ReminderScanService } from './reminder-scan.service';
import { DeliveryLogEntryView, ReminderPreviewView, ReminderRunView } from './reminders.view';

class PreviewQuery {
  @DateField({ description: 'Fecha del escaneo (por omisión, hoy en la zona horaria de la institución).', label: 'la fecha del escaneo', optional: true })
  date?: string;
}

@ApiTags('Recordatorios')
@Controller('api/v1')
export class RemindersController {
  constructor(
    private readonly log: DeliveryLogService,
    private readonly scan: ReminderScanService,
    private readonly queues: QueueService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get('notifications')
  @Permission('read', 'Notification')
  @ApiOperation({
    operationId: 'listNotifications',
    summary: 'Registro de envíos: cada correo con su estado (en_cola, enviando, enviado, fallido_temporal, fallido_permanente).',
  })
  @ApiPageResponse(DeliveryLogEntryView)
  @ApiErrors(400)
  list(@Query() q: DeliveryLogQuery): Promise<Page<DeliveryLogEntryView>> {
    return this.log.list(q, this.config.get('TIME_ZONE'));
  }

  @Get('reminders/preview')
  @Permission('read', 'Notification')
  @ApiOperation({ operationId: 'previewReminders', summary: 'Lo que enviaría el próximo escaneo: un resumen por persona con sus pendientes aún no anunciados.' })
  @ApiOkResponse({ type: ReminderPreviewView })
  @ApiErrors(400)
  async preview(@Query() q: PreviewQuery): Promise<ReminderPreviewView> {
    const date = q.date ?? this.clock.today();
    return { date, digests: await this.scan.preview(date) };
  }

  @Post('reminders/run')
  @HttpCode(202)
  @Permission('create', 'Notification')
  @ApiOperation({ operationId: 'runReminders', summary: 'Ejecuta ahora el escaneo de recordatorios (lo procesa el worker; sin duplicar lo ya anunciado).' })
  @ApiAcceptedResponse({ type: ReminderRunView, description: 'Escaneo encolado.' })
  @ApiErrors(503)
  async run(@CurrentActor() actor: Actor): Promise<ReminderRunView> {
    try {
      return { jobId: await this.queues.runScanNow(actor.id) };
    } catch {
      throw new DomainError('QUEUE_UNAVAILABLE', 'La cola de trabajos (Redis) no responde; el escaneo diario se hará a su hora. Intenta de nuevo más tarde.', 'unavailable');
    }
  }
}
