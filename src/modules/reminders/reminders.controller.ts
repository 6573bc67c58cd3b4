import { institutionScope } from '../identity/policy/policy';
import { Body, Controller, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '../../common/clock';
import { Page } from '../../common/http/pagination';
import { DateField } from '../../common/validation/fields';
import { AppConfig } from '../../config/app-config';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { DeliveryLogQuery, DeliveryLogService } from './delivery-log.service';
import { ReminderScanService } from './reminder-scan.service';
import { DeliveryLogEntryView, ReminderPreviewView, ReminderRunView } from './reminders.view';
import { Route } from '../identity/policy/route.decorator';

class PreviewQuery {
  @DateField({ description: 'Fecha del escaneo (por omisión, hoy en la zona horaria de la institución).', label: 'la fecha del escaneo', optional: true })
  date?: string;
}

class RunScanBody {
  @DateField({
    description: 'Día cuyo escaneo se ejecuta (por omisión, hoy): no futuro, no anterior al último escaneo ejecutado, de los últimos 31 días.',
    label: 'el día del escaneo',
    optional: true,
  })
  date?: string;
}

@ApiTags('Recordatorios')
@Controller('api/v1')
export class RemindersController {
  constructor(
    private readonly log: DeliveryLogService,
    private readonly scan: ReminderScanService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Route('get notifications', ['read', 'Notification'], { page: DeliveryLogEntryView, errors: [400] })
  @ApiOperation({
    operationId: 'listNotifications',
    summary: 'Registro de envíos: cada correo con su estado (en_cola, enviando, enviado, fallido_temporal, fallido_permanente).',
  })
  list(@Query() q: DeliveryLogQuery, @CurrentActor() actor: Actor): Promise<Page<DeliveryLogEntryView>> {
    return this.log.list(q, this.config.get('TIME_ZONE'), institutionScope(actor, 'read'));
  }

  @Route('get reminders/preview', ['read', 'Notification'], { ok: ReminderPreviewView, errors: [400] })
  @ApiOperation({
    operationId: 'previewReminders',
    summary: 'Lo que enviaría el próximo escaneo: un resumen por persona con sus pendientes aún no anunciados.',
  })
  async preview(@Query() q: PreviewQuery): Promise<ReminderPreviewView> {
    const date = q.date ?? this.clock.today();
    return { date, digests: await this.scan.preview(date) };
  }

  @Route('post reminders/run', ['create', 'Notification'], { status: 202, errors: [400, 422, 503] })
  @ApiOperation({
    operationId: 'runReminders',
    summary:
      'Ejecuta el escaneo de recordatorios de hoy o de un día sin escanear (lo procesa el worker): nada ya anunciado se anuncia de nuevo y cada persona recibe a lo más un resumen por día.',
  })
  @ApiAcceptedResponse({ type: ReminderRunView, description: 'Escaneo encolado.' })
  run(@Body() body: RunScanBody, @CurrentActor() actor: Actor): Promise<ReminderRunView> {
    return this.scan.request(actor.id, body.date);
  }
}
