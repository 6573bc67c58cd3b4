import { Controller, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiFileResponse } from '../../../common/http/api-responses.decorator';
import { sendStream } from '../../../common/http/send-stream';
import { Route } from '../../identity/policy/route.decorator';
import { IdParam } from '../../../common/http/uuid-param.pipe';
import { EnumField, UuidField } from '../../../common/validation/fields';
import { ValidationFailedError } from '../../../common/errors/domain-error';
import { contentDisposition } from '../../evidence/file-name';
import type { Actor } from '../../identity/actor';
import { CurrentActor } from '../../identity/policy/current-actor.decorator';
import { CONTENT_TYPE, CORTE_DOCUMENTS, CYCLE_DOCUMENTS, DocumentsService, FORMATS } from './documents.service';
import type { CorteDocument, CycleDocument, DocumentFormat, GeneratedDocument } from './documents.service';

class DocumentQuery {
  @EnumField(FORMATS, { description: 'Formato: xlsx (de trabajo), pdf (para firma y publicación) o csv.', label: 'el formato', optional: true })
  format?: DocumentFormat;

  @UuidField({ description: 'Solo un programa.', label: 'el programa', optional: true })
  programId?: string;

  @UuidField({
    description:
      'La institución del documento (por omisión, la tuya). Solo la consulta global nombra otra; el de un corte es siempre el de la institución del corte.',
    label: 'la institución',
    optional: true,
  })
  institutionId?: string;
}

class OpenDataQuery {
  @UuidField({
    description: 'La institución (por omisión, la tuya). Solo la consulta global nombra otra; sin nombrarla, obtiene todas las instituciones.',
    label: 'la institución',
    optional: true,
  })
  institutionId?: string;
}

const DOCUMENT_MEDIA_TYPES = Object.values(CONTENT_TYPE).map((t) => t.split(';')[0]);
const DOCUMENT_HEADERS = {
  'X-Content-SHA256': 'SHA-256 del documento: el de un corte cerrado es idéntico cada vez.',
  'X-Vista-Previa': 'true si es una vista preliminar (corte abierto o programado).',
};

function kindOf<T extends string>(value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ValidationFailedError([{ field: 'kind', message: `Documento desconocido; usa uno de: ${allowed.join(', ')}.` }]);
  }
  return value as T;
}

/** What a corte's and a cycle's documents are asked for with. */
function options(q: DocumentQuery, actor: Actor): { format: DocumentFormat; programId?: string; institutionId?: string; actor: Actor } {
  return { format: q.format ?? 'xlsx', programId: q.programId, institutionId: q.institutionId, actor };
}

@ApiTags('Documentos oficiales')
@Controller('api/v1')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Route('get cortes/:id/documents/:kind', ['read', 'Report'], { errors: [400, 404] })
  @ApiParam({ name: 'kind', enum: CORTE_DOCUMENTS, description: 'Documento.' })
  @ApiFileResponse('El documento en el formato pedido.', DOCUMENT_MEDIA_TYPES, DOCUMENT_HEADERS)
  @ApiOperation({
    operationId: 'downloadCorteDocument',
    summary:
      'Avance del Documento Institucional / de Trabajo, o los datos abiertos (CSV), de un corte. Cerrado: de su instantánea, idéntico cada vez (SHA-256 en X-Content-SHA256). Abierto: vista preliminar.',
  })
  corte(@IdParam() id: string, @Param('kind') kind: string, @Query() q: DocumentQuery, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    return this.send(res, this.documents.corteDocument({ corteId: id, kind: kindOf<CorteDocument>(kind, CORTE_DOCUMENTS), ...options(q, actor) }));
  }

  @Route('get cycles/:id/documents/:kind', ['read', 'Report'], { errors: [400, 404] })
  @ApiParam({ name: 'kind', enum: CYCLE_DOCUMENTS, description: 'Documento.' })
  @ApiFileResponse('El documento en el formato pedido.', DOCUMENT_MEDIA_TYPES, DOCUMENT_HEADERS)
  @ApiOperation({ operationId: 'downloadCycleDocument', summary: 'Documento Institucional / de Trabajo de un periodo: los compromisos, sin avance.' })
  cycle(@IdParam() id: string, @Param('kind') kind: string, @Query() q: DocumentQuery, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    return this.send(res, this.documents.cycleDocument({ cycleId: id, kind: kindOf<CycleDocument>(kind, CYCLE_DOCUMENTS), ...options(q, actor) }));
  }

  @Route('get documents/datos-abiertos', ['read', 'Report'], { errors: [400, 403, 404] })
  @ApiFileResponse('El CSV de datos abiertos (UTF-8 con BOM).', [CONTENT_TYPE.csv.split(';')[0]], DOCUMENT_HEADERS)
  @ApiOperation({
    operationId: 'downloadOpenDataHistory',
    summary:
      'Datos abiertos de toda la historia, con la estructura del archivo de SHCP: un renglón por ASM de todos los periodos, en su estado de hoy; los ASM importados de SHCP con los valores publicados.',
  })
  openDataHistory(@Query() q: OpenDataQuery, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    return this.send(res, this.documents.openDataHistory({ institutionId: q.institutionId, actor }));
  }

  /** Streams the document once it is generated, then lets go of it. */
  private async send(res: Response, generating: Promise<GeneratedDocument>): Promise<void> {
    const doc = await generating;
    res.status(200).set({
      'Content-Type': doc.contentType,
      'Content-Length': String(doc.sizeBytes),
      'Content-Disposition': contentDisposition(doc.fileName),
      'X-Content-SHA256': doc.sha256,
      'X-Vista-Previa': doc.preview ? 'true' : 'false',
      'Cache-Control': 'private, no-store',
    });
    try {
      await sendStream(this.documents.open(doc), res);
    } finally {
      await doc.dispose();
    }
  }
}
