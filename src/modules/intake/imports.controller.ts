import { Controller, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { BooleanField, PatternField, TextField } from '../../common/validation/fields';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/policy/current-actor.decorator';
import { Permission } from '../identity/policy/permission.decorator';
import { IMPORT_SOURCES, ImportService, ImportSource } from './import.service';
import { ImportRejectedError, officialOptionsMissing } from './intake.errors';
import { ImportReportView } from './intake.view';
import { readSingleFile } from './read-upload';

class ImportQuery {
  @BooleanField({ description: 'true: solo valida y reporta lo que haría, sin escribir nada.', label: 'la opción «solo validar»', optional: true, query: true })
  dryRun?: boolean;

  @PatternField({
    description: 'Formato oficial: ramo del programa (el documento no lo imprime).',
    label: 'el ramo',
    pattern: /^\d{1,3}$/,
    hint: '1 a 3 dígitos, p. ej. 19',
    max: 3,
    example: '19',
    optional: true,
  })
  ramo?: string;

  @TextField({ description: 'Formato oficial: nombre del ramo, si es nuevo.', label: 'el nombre del ramo', max: 300, optional: true })
  nombreRamo?: string;

  @TextField({ description: 'Formato oficial: siglas de la institución (p. ej. IMSS).', label: 'las siglas de la institución', max: 50, optional: true })
  institucion?: string;

  @TextField({ description: 'Formato oficial: nombre de la institución, si es nueva.', label: 'el nombre de la institución', max: 300, optional: true })
  nombreInstitucion?: string;
}

const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

@ApiTags('Importación')
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportService) {}

  @Post(':source')
  @HttpCode(200)
  @Permission('create', 'Import')
  @ApiParam({
    name: 'source',
    enum: IMPORT_SOURCES,
    description: 'oficial: el formato oficial (XLSX o el texto separado por tabuladores de un documento publicado); shcp: los datos abiertos de SHCP (CSV).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: 'El archivo: XLSX, texto separado por tabuladores o CSV (20 MB como máximo).' } },
    },
  })
  @ApiOperation({
    operationId: 'runImport',
    summary: 'Importa registros existentes. Con dryRun=true devuelve el reporte de validación (fila, columna, problema) sin escribir.',
  })
  @ApiOkResponse({ type: ImportReportView, description: 'Lo que se importó o, con dryRun=true, lo que se importaría.' })
  @ApiErrors(400, 413, 415, 422)
  async run(@Param('source') source: string, @Query() q: ImportQuery, @Req() req: Request, @CurrentActor() actor: Actor): Promise<ImportReportView> {
    if (!(IMPORT_SOURCES as readonly string[]).includes(source)) {
      throw new ValidationFailedError([{ field: 'source', message: `Origen desconocido; usa ${IMPORT_SOURCES.join(' o ')}.` }]);
    }
    if (source === 'oficial' && (!q.ramo || !q.institucion)) {
      throw officialOptionsMissing();
    }
    const file = await readSingleFile(req, MAX_IMPORT_BYTES);
    const report = await this.imports.run({
      source: source as ImportSource,
      content: file.content,
      fileName: file.name,
      dryRun: q.dryRun ?? false,
      options:
        q.ramo && q.institucion
          ? { ramoCode: q.ramo, ramoName: q.nombreRamo, institutionAcronym: q.institucion, institutionName: q.nombreInstitucion }
          : undefined,
      actor,
    });
    if (!report.dryRun && !report.applied && report.problems.length) {
      throw new ImportRejectedError(report.problems);
    }
    return report;
  }
}
