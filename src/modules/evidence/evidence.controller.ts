import { Body, Controller, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiFileResponse } from '../../common/http/api-responses.decorator';
import { sendStream } from '../../common/http/send-stream';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { TextField, VersionField } from '../../common/validation/fields';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { EvidenceFileView } from '../progress/progress.view';
import { EvidenceService } from './evidence.service';
import { TYPES } from './file-types';
import { Route } from '../identity/policy/route.decorator';

class WithdrawDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Motivo del retiro (obligatorio).', label: 'el motivo del retiro', max: 2000 })
  reason: string;
}

const EVIDENCE_MEDIA_TYPES = [...new Set(Object.values(TYPES).map((t) => t.mime))];

@ApiTags('Evidencia')
@Controller('api/v1')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Route('post avances/:id/evidence', ['create', 'Evidence'], {
    created: { type: EvidenceFileView, description: 'El archivo guardado.' },
    errors: [400, 404, 409, 413, 415, 429],
  })
  @ApiOperation({
    operationId: 'uploadEvidence',
    summary: 'Adjunta un archivo de evidencia (PDF, Office, OpenDocument, PNG o JPEG; 50 MB como máximo) a un avance en borrador o devuelto.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary', description: 'Un solo archivo; su tipo se decide por el contenido y debe coincidir con la extensión.' },
      },
    },
  })
  upload(@IdParam() id: string, @Req() req: Request, @CurrentActor() actor: Actor): Promise<EvidenceFileView> {
    return this.evidence.upload(req, id, actor);
  }

  @Route('get evidence/:id', ['read', 'Evidence'], { ok: EvidenceFileView, errors: [400, 404] })
  @ApiOperation({ operationId: 'getEvidence', summary: 'Datos de un archivo de evidencia (nombre, tipo, tamaño, SHA-256, retiro).' })
  get(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<EvidenceFileView> {
    return this.evidence.get(id, actor);
  }

  @Route('get evidence/:id/content', ['read', 'Evidence'], { errors: [400, 404] })
  @ApiOperation({ operationId: 'downloadEvidence', summary: 'Descarga el archivo con su tipo y su nombre original.' })
  @ApiFileResponse('El archivo, con el tipo con que se guardó.', EVIDENCE_MEDIA_TYPES, { ETag: 'SHA-256 del contenido, entre comillas.' })
  async download(@IdParam() id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const { stream, headers } = await this.evidence.download(id, actor);
    res.status(200).set(headers);
    await sendStream(stream, res);
  }

  @Route('post evidence/:id/withdraw', ['withdraw', 'Evidence'], { ok: EvidenceFileView, status: 200, errors: [400, 404, 409] })
  @ApiOperation({
    operationId: 'withdrawEvidence',
    summary: 'Retira una evidencia de un avance en borrador o devuelto; el archivo se conserva y el retiro queda registrado.',
  })
  withdraw(@IdParam() id: string, @Body() dto: WithdrawDto, @CurrentActor() actor: Actor): Promise<EvidenceFileView> {
    return this.evidence.withdraw(id, dto.version, dto.reason, actor);
  }
}
