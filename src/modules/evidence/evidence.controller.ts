import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { IdParam } from '../../common/http/uuid-param.pipe';
import { TextField, VersionField } from '../../common/validation/fields';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Permission } from '../identity/policy/permission.decorator';
import type { EvidenceView } from '../progress/avances.service';
import { EvidenceService } from './evidence.service';

class WithdrawDto {
  @VersionField()
  version: number;

  @TextField({ description: 'Motivo del retiro (obligatorio).', max: 2000 })
  reason: string;
}

@ApiTags('Evidencia')
@Controller('api/v1')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post('avances/:id/evidence')
  @Permission('create', 'Evidence')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Adjunta un archivo de evidencia (PDF, Office, OpenDocument, PNG o JPEG; 50 MB como máximo) a un avance en borrador o devuelto.' })
  @ApiErrors(400, 401, 403, 404, 409, 413, 415, 429)
  upload(@IdParam() id: string, @Req() req: Request, @CurrentActor() actor: Actor): Promise<EvidenceView> {
    return this.evidence.upload(req, id, actor);
  }

  @Get('evidence/:id')
  @Permission('read', 'Evidence')
  @ApiErrors(400, 401, 403, 404)
  get(@IdParam() id: string, @CurrentActor() actor: Actor): Promise<EvidenceView> {
    return this.evidence.get(id, actor);
  }

  @Get('evidence/:id/content')
  @Permission('read', 'Evidence')
  @ApiProduces('application/octet-stream')
  @ApiOperation({ summary: 'Descarga el archivo con su tipo y su nombre original.' })
  @ApiErrors(400, 401, 403, 404)
  async download(@IdParam() id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const { stream, headers } = await this.evidence.download(id, actor);
    res.status(200).set(headers);
    await pipeline(stream, res);
  }

  @Post('evidence/:id/withdraw')
  @HttpCode(200)
  @Permission('withdraw', 'Evidence')
  @ApiOperation({ summary: 'Retira una evidencia de un avance en borrador o devuelto; el archivo se conserva y el retiro queda registrado.' })
  @ApiErrors(400, 401, 403, 404, 409)
  withdraw(@IdParam() id: string, @Body() dto: WithdrawDto, @CurrentActor() actor: Actor): Promise<EvidenceView> {
    return this.evidence.withdraw(id, dto.version, dto.reason, actor);
  }
}
