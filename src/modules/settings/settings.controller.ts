import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsDefined } from 'class-validator';
import { ApiErrors } from '../../common/http/api-errors.decorator';
import { Permission } from '../identity/policy/permission.decorator';
import { SETTING_KEYS, SettingsService } from './settings.service';

class SettingValueDto {
  @IsDefined({ message: 'value es obligatorio.' })
  value: unknown;
}

@ApiTags('Configuración')
@Controller('api/v1/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @Permission('read', 'Setting')
  @ApiOperation({ summary: `Configuración de la institución (${SETTING_KEYS.join(', ')}).` })
  @ApiErrors(401)
  all(): Promise<Record<string, unknown>> {
    return this.settings.all();
  }

  @Put(':key')
  @Permission('update', 'Setting')
  @ApiOperation({ summary: 'Cambia una configuración: institucion.nombre (texto) o reportes.encabezados ({ clave: texto }).' })
  @ApiBody({ schema: { type: 'object', properties: { value: {} }, required: ['value'] } })
  @ApiErrors(400, 401, 403, 404)
  set(@Param('key') key: string, @Body() dto: SettingValueDto): Promise<Record<string, unknown>> {
    return this.settings.set(key, dto.value);
  }
}
