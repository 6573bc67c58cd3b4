import { Body, Controller, Param } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AnyField } from '../../common/validation/fields';
import { HEADING_KEYS } from '../reporting/documents/headings';
import { SETTING_KEYS, SettingsService } from './settings.service';
import { Route } from '../identity/policy/route.decorator';

class SettingValueDto {
  @AnyField({ description: 'El valor nuevo: texto (institucion.nombre) u objeto { clave: texto } (reportes.encabezados).', label: 'el valor' })
  value: unknown;
}

const HEADINGS_SCHEMA = {
  type: 'object',
  description: 'Encabezados de los documentos oficiales que se cambian: { clave: texto de 1 a 200 caracteres }.',
  properties: Object.fromEntries(HEADING_KEYS.map((k) => [k, { type: 'string' as const, minLength: 1, maxLength: 200 }])),
  additionalProperties: false,
} as const;

/** Every setting, present once it has been set. */
class SettingsView {
  @ApiProperty({
    name: 'institucion.nombre',
    required: false,
    type: String,
    minLength: 1,
    maxLength: 300,
    description: 'Nombre de la institución que imprimen los documentos.',
  })
  institutionName?: string;

  @ApiProperty({ name: 'reportes.encabezados', selfRequired: false, ...HEADINGS_SCHEMA })
  headings?: Record<string, string>;
}

@ApiTags('Configuración')
@Controller('api/v1/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Route('get', ['read', 'Setting'], { ok: SettingsView })
  @ApiOperation({ operationId: 'getSettings', summary: `Configuración de la institución (${SETTING_KEYS.join(', ')}).` })
  all(): Promise<Record<string, unknown>> {
    return this.settings.all();
  }

  @Route('put :key', ['update', 'Setting'], { ok: { type: SettingsView, description: 'Toda la configuración, ya con el cambio.' }, errors: [400, 404] })
  @ApiOperation({ operationId: 'updateSetting', summary: 'Cambia una configuración: institucion.nombre (texto) o reportes.encabezados ({ clave: texto }).' })
  @ApiParam({ name: 'key', enum: SETTING_KEYS, description: 'Configuración que se cambia.' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['value'],
      properties: { value: { oneOf: [{ type: 'string', minLength: 1, maxLength: 300, description: 'institucion.nombre' }, HEADINGS_SCHEMA] } },
    },
  })
  set(@Param('key') key: string, @Body() dto: SettingValueDto): Promise<Record<string, unknown>> {
    return this.settings.set(key, dto.value);
  }
}
